import type { Keypoint } from '../types';

/**
 * Object keypoint similarity (COCO) between two poses with the same keypoint layout:
 * `Σ_i exp(−d_i² / (2 · s² · k_i²)) / n` over the n keypoints confident on both sides, with
 * `s² = areaPx2` the object's area and `k_i = 2σ_i`. Returns 0 when no keypoint is confident on
 * both sides (nothing to compare says nothing about identity).
 */
export function oks(
  a: readonly Keypoint[],
  b: readonly Keypoint[],
  areaPx2: number,
  sigmas: readonly number[],
  minKeypointScore = 0,
): number {
  if (a.length !== b.length || a.length !== sigmas.length) {
    throw new Error(`oks: keypoint counts differ (${a.length}, ${b.length}, ${sigmas.length} sigmas).`);
  }
  // A zero-area object would divide by zero; one square pixel keeps the formula defined.
  const area = Math.max(areaPx2, 1);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const [ax, ay, as] = a[i];
    const [bx, by, bs] = b[i];
    if (!(as >= minKeypointScore && bs >= minKeypointScore && as > 0 && bs > 0)) continue;
    const k = 2 * sigmas[i];
    const d2 = (ax - bx) ** 2 + (ay - by) ** 2;
    sum += Math.exp(-d2 / (2 * area * k * k));
    count++;
  }
  return count === 0 ? 0 : sum / count;
}
