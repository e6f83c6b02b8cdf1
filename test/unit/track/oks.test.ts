import { describe, expect, it } from 'vitest';
import { oks } from '../../../core/track/oks';
import { oksMatrix } from '../../../core/track/oks-matrix';
import { COCO17 } from '../../../core/keypoints/schema';
import { standingPose } from '../../helpers/simulate-tracks';
import type { Keypoint } from '../../../core/types';

const sigmas = COCO17.sigmas;

describe('oks', () => {
  it('is 1 for identical poses and falls with distance as exp(-d²/(2·s²·k²))', () => {
    const a = standingPose(500, 300, 200).keypoints;
    expect(oks(a, a, 10_000, sigmas)).toBe(1);
    // Shift every keypoint by 10 px with area 10000 px²: per keypoint exp(-100 / (2·10000·4σ²)).
    const shifted = a.map(([x, y, s]) => [x + 10, y, s] as Keypoint);
    const expected = sigmas.reduce((sum, sg) => sum + Math.exp(-100 / (2 * 10_000 * 4 * sg * sg)), 0) / 17;
    expect(oks(a, shifted, 10_000, sigmas)).toBeCloseTo(expected, 12);
  });

  it('ignores keypoints below the score threshold on either side', () => {
    const a = standingPose(500, 300, 200).keypoints;
    // Move only the nose far away, but make it unconfident: it must not count.
    const b = a.map((k, i) => (i === 0 ? ([k[0] + 500, k[1], 0.05] as Keypoint) : k));
    expect(oks(a, b, 10_000, sigmas, 0.2)).toBe(1);
    expect(oks(a, b, 10_000, sigmas, 0)).toBeCloseTo(16 / 17, 6);
  });

  it('returns 0 when no keypoint is confident on both sides, and rejects mismatched layouts', () => {
    const a = standingPose(0, 0, 100, 0.1).keypoints;
    expect(oks(a, a, 100, sigmas, 0.2)).toBe(0);
    expect(() => oks(a.slice(0, 15), a, 100, sigmas)).toThrow(/keypoint counts differ \(15, 17, 17/);
  });
});

describe('oksMatrix', () => {
  it('has one row per pose and one column per reference, scaled by the reference box area', () => {
    const near = standingPose(100, 100, 200);
    const far = standingPose(900, 100, 200);
    const m = oksMatrix([near, far, near], [near, far], sigmas);
    expect(m.length).toBe(3);
    expect(m[0]).toEqual([1, expect.any(Number)]);
    expect(m[0][1]).toBeLessThan(1e-6);
    expect(m[1][1]).toBe(1);
    expect(oksMatrix([], [near], sigmas)).toEqual([]);
    expect(oksMatrix([near], [], sigmas)).toEqual([[]]);
  });
});
