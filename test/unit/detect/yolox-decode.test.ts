import { describe, expect, it } from 'vitest';
import { decodeYolox } from '../../../core/detect/yolox-decode';

/** A raw YOLOX output for a non-square 64×32 input and 3 classes: anchors on strides 8, 16, 32. */
function emptyOutput(classes = 3): { data: Float32Array; dims: number[] } {
  const anchors = 8 * 4 + 4 * 2 + 2 * 1; // 42
  return { data: new Float32Array(anchors * (5 + classes)), dims: [1, anchors, 5 + classes] };
}

function setAnchor(out: Float32Array, anchor: number, raw: number[], classes = 3): void {
  out.set(raw, anchor * (5 + classes));
}

describe('decodeYolox', () => {
  it('decodes grid offsets, log sizes and obj × class score per stride', () => {
    const { data, dims } = emptyOutput();
    // Stride 8, grid 8×4: anchor at gx=5, gy=2 (row-major) → index 2·8 + 5 = 21.
    setAnchor(data, 21, [0.5, 0.25, Math.log(2), Math.log(4), 0.9, 0.8, 0.1, 0.1]);
    // Stride 16, grid 4×2 starts at 32: gx=3, gy=1 → 32 + 4 + 3 = 39.
    setAnchor(data, 39, [0, 0, 0, 0, 0.5, 0.7, 0, 0]);
    // Stride 32 (starts at 40): a confident box of another class only.
    setAnchor(data, 41, [0, 0, 0, 0, 1, 0.01, 0.99, 0]);
    const boxes = decodeYolox(data, dims, [64, 32], { classIndex: 0, minScore: 0.3 });
    expect(boxes).toHaveLength(2);
    const [a, b] = boxes;
    // cx = (0.5 + 5)·8 = 44, cy = (0.25 + 2)·8 = 18, w = 16, h = 32.
    expect(a.x1).toBeCloseTo(36, 5);
    expect(a.x2).toBeCloseTo(52, 5);
    expect(a.y1).toBeCloseTo(2, 5);
    expect(a.y2).toBeCloseTo(34, 5);
    expect(a.score).toBeCloseTo(0.72, 6);
    // cx = 3·16 = 48, cy = 16, w = h = 16; score 0.35.
    expect([b.x1, b.y1, b.x2, b.y2]).toEqual([40, 8, 56, 24]);
    expect(b.score).toBeCloseTo(0.35, 6);
  });

  it('applies the minimum score', () => {
    const { data, dims } = emptyOutput();
    setAnchor(data, 0, [0, 0, 0, 0, 0.5, 0.5, 0, 0]);
    expect(decodeYolox(data, dims, [64, 32], { classIndex: 0, minScore: 0.3 })).toHaveLength(0);
    expect(decodeYolox(data, dims, [64, 32], { classIndex: 0, minScore: 0.25 })).toHaveLength(1);
  });

  it('names the anchor-count mismatch (input size swapped or wrong)', () => {
    const { data, dims } = emptyOutput();
    expect(() => decodeYolox(data, dims, [64, 64], { classIndex: 0, minScore: 0.3 })).toThrow(
      /has 42 anchors; a 64×64 input on strides 8\/16\/32 gives 84/,
    );
  });
});
