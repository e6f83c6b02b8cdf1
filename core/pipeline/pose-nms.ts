import type { Keypoint, Pose } from '../types';
import { boxIou } from '../detect/nms';
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
 * Two detector boxes at least this confident, overlapping at least this much (IoU), are two people:
 * one stands behind the other, the detector's NMS kept them apart, and the pose model, run in the
 * box of the one behind, often returns the front one's skeleton (OCHuman: OKS 0.95–0.97). Two
 * confident boxes of one person overlap less: a fragment from a tile beside the whole body
 * (the shared clip's man: IoU 0.35), which stays a copy.
 */
export const SEPARATE_DETECTION_MIN_SCORE = 0.5;
export const SEPARATE_DETECTION_MIN_IOU = 0.5;

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
 * kept pose's box area. Two confident, heavily overlapping detections are never copies of each
 * other (see SEPARATE_DETECTION_MIN_IOU).
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
  if (
    isConfidentDetection(candidate) &&
    isConfidentDetection(kept) &&
    boxIou(candidate.box, kept.box) >= SEPARATE_DETECTION_MIN_IOU
  )
    return false;
  const area = kept.box.w * kept.box.h;
  const similarity = (keypoints: readonly Keypoint[]) =>
    oks(keypoints, kept.keypoints, area, options.sigmas, options.minKeypointScore);
  if (
    similarity(candidate.keypoints) >= options.maxOks ||
    similarity(swapSides(candidate.keypoints, options.flipPairs)) >= options.maxOks
  )
    return true;
  return coreSimilarity(candidate.keypoints, kept.keypoints, area, options) >= options.maxOks;
}

/**
 * Nose, shoulders and hips: the same slots in COCO-17 and PoseTrack 2018. One person seen in two
 * boxes that each hold one outstretched arm (the shared clip's man, arms spread: IoU 0.35, both
 * 0.9) gives two poses whose arms differ by hundreds of pixels but whose head and trunk coincide.
 */
const CORE_JOINTS = [0, 5, 6, 11, 12] as const;
const CORE_PAIRS = [
  [5, 6],
  [11, 12],
] as const;
/** Core joints both poses must see for the trunk alone to call them one person. */
const MIN_SHARED_CORE_JOINTS = 4;

/**
 * OKS over the core joints, each left/right pair of the schema's flip pairs taken as is or swapped, whichever fits better
 * (a crop that sees the body from an odd angle may swap the hips but not the shoulders).
 * 0 when fewer than MIN_SHARED_CORE_JOINTS are seen by both.
 */
function coreSimilarity(a: readonly Keypoint[], b: readonly Keypoint[], area: number, options: PoseNmsOptions): number {
  const seen = (i: number) => a[i][2] >= options.minKeypointScore && b[i][2] >= options.minKeypointScore;
  if (CORE_JOINTS.filter(seen).length < MIN_SHARED_CORE_JOINTS) return 0;
  const jointOks = (p: Keypoint, q: Keypoint, i: number) => {
    const k = 2 * options.sigmas[i];
    return Math.exp(-((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) / (2 * area * k * k));
  };
  let sum = seen(0) ? jointOks(a[0], b[0], 0) : 0;
  let count = seen(0) ? 1 : 0;
  for (const [l, r] of CORE_PAIRS) {
    if (!seen(l) || !seen(r)) continue;
    const asIs = jointOks(a[l], b[l], l) + jointOks(a[r], b[r], r);
    const mirrored = options.flipPairs.some(([x, y]) => (x === l && y === r) || (x === r && y === l));
    const swapped = mirrored ? jointOks(a[r], b[l], l) + jointOks(a[l], b[r], r) : 0;
    sum += Math.max(asIs, swapped);
    count += 2;
  }
  return count >= MIN_SHARED_CORE_JOINTS ? sum / count : 0;
}

const isConfidentDetection = (pose: Pose) =>
  pose.source === 'detector' && pose.box.score >= SEPARATE_DETECTION_MIN_SCORE;

function swapSides(keypoints: readonly Keypoint[], flipPairs: PoseNmsOptions['flipPairs']): Keypoint[] {
  const swapped = [...keypoints];
  for (const [left, right] of flipPairs) {
    swapped[left] = keypoints[right];
    swapped[right] = keypoints[left];
  }
  return swapped;
}
