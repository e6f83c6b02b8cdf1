import type { Frame, Pose } from '../types';
import { embeddingAppearance, skeletonAppearance, type Appearance } from './appearance';
import { overlapFraction } from './box-distance';

/** A pose's colours are not described when more than this fraction of its box is covered by another box. */
const MAX_APPEARANCE_OVERLAP = 0.2;

/**
 * This frame's appearance of each pose, or null where it is not described: only confident poses
 * clear of the others (an overlapping box mixes in someone else's). A re-ID embedding, where the
 * pose has one, describes it; else the colours along its skeleton, when the frame's pixels are given.
 */
export function poseAppearances(
  poses: readonly Pose[],
  isConfident: readonly boolean[],
  minKeypointScore: number,
  frame?: Frame,
  embeddings?: readonly (Float32Array | null)[],
): (Appearance | null)[] {
  const isClear = (p: number) =>
    poses.every((other, q) => q === p || overlapFraction(poses[p].box, other.box) <= MAX_APPEARANCE_OVERLAP);
  return poses.map((pose, p) => {
    if (!isConfident[p] || !isClear(p)) return null;
    const embedding = embeddings?.[p];
    if (embedding) return embeddingAppearance(embedding);
    return frame ? skeletonAppearance(frame, pose.keypoints, minKeypointScore) : null;
  });
}
