import type { EvalPerson } from './eval-sequence';
import { EVAL_JOINT_COUNT, PCKH_THRESHOLD } from './joints';
import { nearbyPairs } from './nearby-pairs';
import type { AssignmentEdge } from '../util/sparse-assignment';

export interface FrameMatch {
  /** Per joint: every predicted joint's score and whether it is correct, for AP. */
  scored: { score: number; correct: boolean }[][];
  /** Per joint: annotated ground-truth joints in this frame. */
  groundTruthCount: number[];
  /** Per joint: what the MOT accumulator needs for this frame; `pairs` are [object, hypothesis, distance] within the threshold. */
  mot: { objectIds: number[]; hypothesisIds: number[]; pairs: AssignmentEdge[] }[];
}

/**
 * Matches one frame's predicted poses to its ground-truth poses as the PoseTrack evaluation does:
 * joint distances normalised by the ground truth's head size; a joint is correct within
 * PCKH_THRESHOLD; every prediction picks the ground-truth pose it gets most joints right on
 * (PCKh = correct joints / annotated joints), and every ground-truth pose keeps the prediction
 * with the highest PCKh among those that picked it (first in the list on ties). Joints of an
 * unmatched prediction are all wrong. For MOT, every joint pair within the threshold may match,
 * with its normalised distance. Only pairs near each other are measured (nearby-pairs.ts): the
 * others have no joint within the threshold, so they could neither be correct nor match.
 */
export function matchFrame(groundTruth: readonly EvalPerson[], predictions: readonly EvalPerson[]): FrameMatch {
  const candidates = nearbyPairs(groundTruth, predictions, PCKH_THRESHOLD);
  const dist = candidates.map(([gi, pi]) => jointDistances(predictions[pi], groundTruth[gi]));
  const annotated = groundTruth.map((g) => g.joints.filter(Boolean).length);
  const pck = candidates.map(([gi], k) => {
    const correct = dist[k].filter((x) => x <= PCKH_THRESHOLD).length;
    return annotated[gi] > 0 ? correct / annotated[gi] : correct;
  });
  const pairOfPrediction = assignPredictions(candidates, pck, predictions.length);
  const scored = Array.from({ length: EVAL_JOINT_COUNT }, () => [] as { score: number; correct: boolean }[]);
  predictions.forEach((p, pi) => {
    const k = pairOfPrediction[pi];
    p.joints.forEach((joint, j) => {
      if (joint) scored[j].push({ score: joint.score, correct: k >= 0 && dist[k][j] <= PCKH_THRESHOLD });
    });
  });
  const groundTruthCount = Array.from(
    { length: EVAL_JOINT_COUNT },
    (_, j) => groundTruth.filter((g) => g.joints[j]).length,
  );
  const mot = Array.from({ length: EVAL_JOINT_COUNT }, (_, j) => {
    const objectAt = new Map<number, number>();
    const hypothesisAt = new Map<number, number>();
    groundTruth.forEach((g, gi) => g.joints[j] && objectAt.set(gi, objectAt.size));
    predictions.forEach((p, pi) => p.joints[j] && hypothesisAt.set(pi, hypothesisAt.size));
    const pairs: AssignmentEdge[] = [];
    candidates.forEach(([gi, pi], k) => {
      if (dist[k][j] <= PCKH_THRESHOLD) pairs.push([objectAt.get(gi)!, hypothesisAt.get(pi)!, dist[k][j]]);
    });
    return {
      objectIds: [...objectAt.keys()].map((gi) => groundTruth[gi].trackId),
      hypothesisIds: [...hypothesisAt.keys()].map((pi) => predictions[pi].trackId),
      pairs,
    };
  });
  return { scored, groundTruthCount, mot };
}

/** Per joint: distance / head size where both have the joint, Infinity otherwise. */
function jointDistances(p: EvalPerson, g: EvalPerson): number[] {
  return p.joints.map((pj, j) => {
    const gj = g.joints[j];
    return pj && gj ? Math.hypot(pj.x - gj.x, pj.y - gj.y) / g.headSize : Infinity;
  });
}

/** Index into `candidates` of the pair each prediction ends up matched in, or -1. */
function assignPredictions(
  candidates: readonly [number, number][],
  pck: readonly number[],
  predictionCount: number,
): number[] {
  // Each prediction keeps only its best ground truth (first on ties; candidates come in ground-truth order)…
  const best = new Array<number>(predictionCount).fill(-1);
  candidates.forEach(([, pi], k) => {
    if (best[pi] < 0 || pck[k] > pck[best[pi]]) best[pi] = k;
  });
  // …and each ground truth the best of the predictions that chose it, if its PCKh is above 0.
  const chosenOfGt = new Map<number, number>();
  best.forEach((k) => {
    if (k < 0 || pck[k] <= 0) return;
    const gi = candidates[k][0];
    const chosen = chosenOfGt.get(gi);
    if (chosen === undefined || pck[k] > pck[chosen]) chosenOfGt.set(gi, k);
  });
  const result = new Array<number>(predictionCount).fill(-1);
  for (const k of chosenOfGt.values()) result[candidates[k][1]] = k;
  return result;
}
