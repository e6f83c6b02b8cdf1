import type { Box, Keypoint, Pose } from '../types';
import { oks } from '../track/oks';
import { meanKeypointScore } from '../keypoints/mean-score';

export interface PoseNmsOptions {
  /** Per-keypoint OKS sigmas of the pose schema. */
  sigmas: readonly number[];
  /** Keypoints below this score are left out of the similarity. */
  minKeypointScore: number;
  /** A pose this similar (OKS) to a kept one is the same person seen twice. */
  maxOks: number;
  /** Left/right keypoint pairs of the schema; a copy with sides swapped is still a copy. */
  flipPairs: readonly (readonly [number, number])[];
}

/**
 * Two detector boxes at least this confident are two people: the detector's own NMS already kept
 * them apart, and the pose model may well put the one behind onto the joints of the one in front.
 */
export const SEPARATE_DETECTION_MIN_SCORE = 0.5;

/**
 * Joints that lie inside both boxes are left out of the similarity when at least this many
 * joints confident in both poses lie elsewhere: where one person hides another, the pose in the
 * hidden one's box takes the front one's joints in the overlap, and those say nothing about copying.
 */
export const MIN_DECISIVE_JOINTS = 4;

/** A kept pose and the copies of the same person it replaced. */
export interface PoseGroup<T> {
  kept: T;
  duplicates: T[];
}

/**
 * Removes duplicate poses of one person. When a propagated box and a detection of the same person
 * overlap too little for box NMS (fast motion, or a detection of only the upper body), both reach
 * the pose model and give nearly the same skeleton, and the tracker would open a second track for
 * the copy. The copies often disagree on which side is left (a person seen against the light or
 * from behind), so the similarity is the better of the OKS as is and with one pose's left/right
 * joints swapped. The most confident pose (mean keypoint score) of each person is kept — a
 * half-body detection gives a worse pose than the full-body propagated box. The OKS area is the
 * kept pose's box area. Two confident detections are never copies of each other, and joints both
 * poses have in their boxes' overlap are left out where enough others decide (see the constants).
 * Groups come back in the input order of their kept pose.
 */
export function suppressDuplicatePoses<T extends Pose>(poses: readonly T[], options: PoseNmsOptions): PoseGroup<T>[] {
  const confidence = poses.map((pose) => meanKeypointScore(pose.keypoints));
  const order = poses.map((_, i) => i).sort((a, b) => confidence[b] - confidence[a]);
  const groups = new Map<number, T[]>();
  for (const candidate of order) {
    const owner = [...groups.keys()].find((k) => isCopy(poses[candidate], poses[k], options));
    if (owner === undefined) groups.set(candidate, []);
    else groups.get(owner)!.push(poses[candidate]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => ({ kept: poses[k], duplicates: groups.get(k)! }));
}

/** True when `candidate` is `kept`'s person seen a second time (as is, or with sides swapped). */
function isCopy(candidate: Pose, kept: Pose, options: PoseNmsOptions): boolean {
  if (isConfidentDetection(candidate) && isConfidentDetection(kept)) return false;
  const area = kept.box.w * kept.box.h;
  const similarity = (keypoints: readonly Keypoint[]) =>
    oks(decisiveJoints(keypoints, candidate.box, kept, options.minKeypointScore), kept.keypoints, area, options.sigmas, options.minKeypointScore);
  return similarity(candidate.keypoints) >= options.maxOks || similarity(swapSides(candidate.keypoints, options.flipPairs)) >= options.maxOks;
}

const isConfidentDetection = (pose: Pose) => pose.source === 'detector' && pose.box.score >= SEPARATE_DETECTION_MIN_SCORE;

/**
 * The candidate's joints for the similarity: those both poses place inside both boxes get score 0
 * (left out), unless fewer than MIN_DECISIVE_JOINTS joints confident in both would remain.
 */
function decisiveJoints(keypoints: readonly Keypoint[], box: Box, kept: Pose, minScore: number): Keypoint[] {
  const overlap = intersection(box, kept.box);
  if (!overlap) return [...keypoints];
  const inOverlap = ([x, y]: Keypoint) => x >= overlap.x && x <= overlap.x + overlap.w && y >= overlap.y && y <= overlap.y + overlap.h;
  const shared = keypoints.map((k, i) => inOverlap(k) && inOverlap(kept.keypoints[i]));
  const decisive = keypoints.filter((k, i) => !shared[i] && k[2] >= minScore && kept.keypoints[i][2] >= minScore).length;
  if (decisive < MIN_DECISIVE_JOINTS) return [...keypoints];
  return keypoints.map((k, i) => (shared[i] ? ([k[0], k[1], 0] as Keypoint) : k));
}

function intersection(a: Box, b: Box): Omit<Box, 'score'> | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}

function swapSides(keypoints: readonly Keypoint[], flipPairs: PoseNmsOptions['flipPairs']): Keypoint[] {
  const swapped = [...keypoints];
  for (const [left, right] of flipPairs) {
    swapped[left] = keypoints[right];
    swapped[right] = keypoints[left];
  }
  return swapped;
}
