import { describe, expect, it } from 'vitest';
import { flipPlanesHorizontally, unflipHeatmaps } from '../../../core/pose/flip';
import { heatmapArgmax } from '../../../core/pose/heatmap-argmax';
import { COCO17 } from '../../../core/keypoints/schema';

describe('flip test helpers', () => {
  it('mirrors every row of every plane', () => {
    const src = Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
    const dst = new Float32Array(src.length);
    flipPlanesHorizontally(src, 0, dst, 0, [2, 2, 3]);
    expect([...dst]).toEqual([2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9]);
  });

  it("maps a mirrored crop's heatmaps back: columns mirrored, left/right partners swapped", () => {
    const [K, H, W] = [17, 8, 6];
    const flipped = new Float32Array(K * H * W);
    // In the mirrored crop the model says "left shoulder" (5) at column 1, row 2 …
    flipped[5 * H * W + 2 * W + 1] = 1;
    // … and "nose" (0, no partner) at column 4, row 7.
    flipped[0 * H * W + 7 * W + 4] = 1;
    const out = unflipHeatmaps(flipped, [K, H, W], COCO17.flipPairs, new Float32Array(K * H * W));
    const coords = heatmapArgmax(out, [K, H, W], new Float32Array(K * 3), { quarterShift: false });
    // … which is the person's right shoulder (6) at the mirrored column 6 − 1 − 1 = 4.
    expect([coords[6 * 3], coords[6 * 3 + 1], coords[6 * 3 + 2]]).toEqual([4, 2, 1]);
    expect(coords[5 * 3 + 2]).toBe(0);
    expect([coords[0], coords[1]]).toEqual([1, 7]);
  });

  it('rejects flip pairs outside the heatmaps', () => {
    expect(() => unflipHeatmaps(new Float32Array(12), [3, 2, 2], [[1, 5]], new Float32Array(12))).toThrow(
      /\(1, 5\) is outside the 3 heatmaps/,
    );
  });
});
