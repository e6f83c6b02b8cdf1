import type { Pose } from '../types';

/**
 * Mean displacement, in pixels, of the keypoints confident (score ≥ `minKeypointScore`) in both
 * poses; null when none is. Why keypoints and not the box centre: a box changes shape when a
 * person is cut by the image edge, partly hidden or found by a different box (a detection after a
 * propagated box), and its centre then jumps although the person barely moved; the joints seen
 * in both frames move with the person only.
 */
export function keypointDisplacement(from: Pose, to: Pose, minKeypointScore: number): [dx: number, dy: number] | null {
  const count = Math.min(from.keypoints.length, to.keypoints.length);
  let sumX = 0;
  let sumY = 0;
  let shared = 0;
  for (let i = 0; i < count; i++) {
    const [x0, y0, s0] = from.keypoints[i];
    const [x1, y1, s1] = to.keypoints[i];
    if (!(s0 >= minKeypointScore && s1 >= minKeypointScore && s0 > 0 && s1 > 0)) continue;
    sumX += x1 - x0;
    sumY += y1 - y0;
    shared++;
  }
  return shared === 0 ? null : [sumX / shared, sumY / shared];
}
