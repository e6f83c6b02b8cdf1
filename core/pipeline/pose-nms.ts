import type { Pose } from '../types';
import { oks } from '../track/oks';

export interface PoseNmsOptions {
  /** Per-keypoint OKS sigmas of the pose schema. */
  sigmas: readonly number[];
  /** Keypoints below this score are left out of the similarity. */
  minKeypointScore: number;
  /** A pose this similar (OKS) to a kept one is the same person seen twice. */
  maxOks: number;
}

/**
 * Removes duplicate poses of one person: when a propagated box and a detection of the same person
 * overlap less than the box NMS threshold (a fast movement), both reach the pose model and give
 * nearly the same skeleton, and the tracker would open a second track for the copy. Poses from
 * detector boxes are preferred, then higher scores; the OKS area is the kept pose's box area.
 * Survivors keep their input order.
 */
export function suppressDuplicatePoses<T extends Pose>(poses: readonly T[], options: PoseNmsOptions): T[] {
  const rank = (pose: Pose) => (pose.source === 'propagated' ? 0 : 1);
  const order = poses.map((_, i) => i).sort((a, b) => rank(poses[b]) - rank(poses[a]) || poses[b].score - poses[a].score);
  const kept: number[] = [];
  for (const candidate of order) {
    const duplicate = kept.some((k) => {
      const area = poses[k].box.w * poses[k].box.h;
      return oks(poses[candidate].keypoints, poses[k].keypoints, area, options.sigmas, options.minKeypointScore) >= options.maxOks;
    });
    if (!duplicate) kept.push(candidate);
  }
  return kept.sort((a, b) => a - b).map((i) => poses[i]);
}
