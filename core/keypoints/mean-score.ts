import type { Keypoint } from '../types';

/** Mean score over all keypoints, undetected ones (score 0) included: a pose whose person left the box scores low on every joint. */
export function meanKeypointScore(keypoints: readonly Keypoint[]): number {
  if (keypoints.length === 0) return 0;
  let sum = 0;
  for (const keypoint of keypoints) sum += keypoint[2];
  return sum / keypoints.length;
}
