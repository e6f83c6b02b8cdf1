import type { Pose } from '../types';
import { oks } from './oks';

/**
 * OKS of every new pose (rows) against every track's reference pose (columns). The scale is the
 * reference pose's box area: the track is the object being looked for, and its box is known
 * from the frames before.
 */
export function oksMatrix(
  poses: readonly Pose[],
  references: readonly Pose[],
  sigmas: readonly number[],
  minKeypointScore = 0,
): number[][] {
  return poses.map((pose) =>
    references.map((ref) => oks(pose.keypoints, ref.keypoints, ref.box.w * ref.box.h, sigmas, minKeypointScore)),
  );
}
