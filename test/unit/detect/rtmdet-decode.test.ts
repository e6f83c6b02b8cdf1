import { describe, expect, it } from 'vitest';
import { decodeRtmdet } from '../../../core/detect/rtmdet-decode';

describe('decodeRtmdet', () => {
  const dets = Float32Array.from([10, 20, 110, 220, 0.92, 300, 40, 360, 200, 0.41, 5, 5, 50, 50, 0.88]);
  const labels = BigInt64Array.from([0n, 0n, 2n]);

  it('keeps person rows above the minimum score as corners', () => {
    const boxes = decodeRtmdet(dets, labels, { classIndex: 0, minScore: 0.4 });
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toEqual({ x1: 10, y1: 20, x2: 110, y2: 220, score: expect.closeTo(0.92, 6) });
    expect(decodeRtmdet(dets, labels, { classIndex: 0, minScore: 0.5 })).toHaveLength(1);
  });

  it('rejects mismatched dets and labels', () => {
    expect(() => decodeRtmdet(dets, [0, 0], { classIndex: 0, minScore: 0 })).toThrow(/3 boxes but 2 labels/);
  });
});
