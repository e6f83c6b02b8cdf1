import type { EvalPerson } from './eval-sequence';
import { PCKH_THRESHOLD } from './joints';
import { nearbyPairs } from './nearby-pairs';

/**
 * One evaluated frame as the identity metrics (IDF1, HOTA) see it: who is there on each side and
 * how alike each (ground truth, prediction) pair is, in 0..1.
 */
export interface IdentityFrame {
  gtIds: number[];
  predIds: number[];
  /** [gt index, pred index, similarity in 0..1] for the pairs that are alike at all; every other pair is 0. */
  pairs: [number, number, number][];
}

/**
 * Pairs farther apart than this many head sizes in every joint have a similarity below
 * exp(−(6/κ)²/2) ≈ 5e-44, which no sum in IDF1 or HOTA can notice: they are left out, so a frame
 * costs about linear time in its people instead of every pair.
 */
export const SIMILARITY_REACH_HEAD_SIZES = 6;

/**
 * Per-joint scale so that a joint exactly at the PCKh threshold (half the head size away) scores
 * 0.5: exp(−0.5² / (2κ²)) = 0.5.
 */
const KAPPA = PCKH_THRESHOLD / Math.sqrt(2 * Math.LN2);

/**
 * Keypoint similarity of a prediction to a ground-truth person, in place of the box IoU of the
 * MOT benchmarks (as PoseTrack21 does): the mean over the ground truth's annotated joints of
 * exp(−d² / (2·(κ·headSize)²)), a missing predicted joint scoring 0. A pose whose joints all lie
 * at the PCKh@0.5 boundary scores 0.5, so the usual 0.5 threshold means "PCKh-correct".
 */
export function keypointSimilarity(gt: EvalPerson, pred: EvalPerson): number {
  let sum = 0;
  let annotated = 0;
  gt.joints.forEach((g, j) => {
    if (!g) return;
    annotated++;
    const p = pred.joints[j];
    if (!p) return;
    const d = Math.hypot(p.x - g.x, p.y - g.y) / (KAPPA * gt.headSize);
    sum += Math.exp(-(d * d) / 2);
  });
  return annotated > 0 ? sum / annotated : 0;
}

export function identityFrame(gt: readonly EvalPerson[], pred: readonly EvalPerson[]): IdentityFrame {
  const pairs: [number, number, number][] = [];
  for (const [gi, pi] of nearbyPairs(gt, pred, SIMILARITY_REACH_HEAD_SIZES)) {
    const similarity = keypointSimilarity(gt[gi], pred[pi]);
    if (similarity > 0) pairs.push([gi, pi, similarity]);
  }
  return { gtIds: gt.map((p) => p.trackId), predIds: pred.map((p) => p.trackId), pairs };
}

/** A frame from a full [gt][pred] similarity matrix (zeros left out). */
export function identityFrameFromMatrix(
  gtIds: number[],
  predIds: number[],
  similarity: readonly (readonly number[])[],
): IdentityFrame {
  const pairs: [number, number, number][] = [];
  similarity.forEach((row, gi) => row.forEach((value, pi) => value > 0 && pairs.push([gi, pi, value])));
  return { gtIds, predIds, pairs };
}
