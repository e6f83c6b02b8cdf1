import type { EvalPerson } from './eval-sequence';
import { EVAL_JOINT_COUNT, PCKH_THRESHOLD } from './joints';

export interface FrameMatch {
  /** Per joint: every predicted joint's score and whether it is correct, for AP. */
  scored: { score: number; correct: boolean }[][];
  /** Per joint: annotated ground-truth joints in this frame. */
  groundTruthCount: number[];
  /** Per joint: what the MOT accumulator needs for this frame. */
  mot: { objectIds: number[]; hypothesisIds: number[]; distance: number[][] }[];
}

/**
 * Matches one frame's predicted poses to its ground-truth poses as the PoseTrack evaluation does:
 * joint distances normalised by the ground truth's head size; a joint is correct within
 * PCKH_THRESHOLD; every prediction picks the ground-truth pose it gets most joints right on
 * (PCKh = correct joints / annotated joints), and every ground-truth pose keeps the prediction
 * with the highest PCKh among those that picked it (first in the list on ties). Joints of an
 * unmatched prediction are all wrong. For MOT, every joint pair within the threshold may match,
 * with its normalised distance.
 */
export function matchFrame(groundTruth: readonly EvalPerson[], predictions: readonly EvalPerson[]): FrameMatch {
  const dist = predictions.map((p) => groundTruth.map((g) => jointDistances(p, g)));
  const pck = dist.map((row) =>
    row.map((d, gi) => {
      const annotated = groundTruth[gi].joints.filter(Boolean).length;
      const correct = d.filter((x) => x <= PCKH_THRESHOLD).length;
      return annotated > 0 ? correct / annotated : correct;
    }),
  );
  const gtOfPrediction = assignPredictions(pck, groundTruth.length);
  const scored = Array.from({ length: EVAL_JOINT_COUNT }, () => [] as { score: number; correct: boolean }[]);
  predictions.forEach((p, pi) => {
    const gi = gtOfPrediction[pi];
    p.joints.forEach((joint, j) => {
      if (joint) scored[j].push({ score: joint.score, correct: gi >= 0 && dist[pi][gi][j] <= PCKH_THRESHOLD });
    });
  });
  const groundTruthCount = Array.from({ length: EVAL_JOINT_COUNT }, (_, j) => groundTruth.filter((g) => g.joints[j]).length);
  const mot = Array.from({ length: EVAL_JOINT_COUNT }, (_, j) => {
    const objects = groundTruth.flatMap((g, gi) => (g.joints[j] ? [gi] : []));
    const hypotheses = predictions.flatMap((p, pi) => (p.joints[j] ? [pi] : []));
    return {
      objectIds: objects.map((gi) => groundTruth[gi].trackId),
      hypothesisIds: hypotheses.map((pi) => predictions[pi].trackId),
      distance: objects.map((gi) => hypotheses.map((pi) => (dist[pi][gi][j] <= PCKH_THRESHOLD ? dist[pi][gi][j] : NaN))),
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

/** Index of the ground-truth pose each prediction ends up matched to, or -1. */
function assignPredictions(pck: number[][], groundTruthCount: number): number[] {
  // Each prediction keeps only its best ground truth (first on ties)…
  const best = pck.map((row) => (row.length ? row.indexOf(Math.max(...row)) : -1));
  const result = pck.map(() => -1);
  // …and each ground truth the best of the predictions that chose it, if its PCKh is above 0.
  for (let gi = 0; gi < groundTruthCount; gi++) {
    let chosen = -1;
    pck.forEach((row, pi) => {
      if (best[pi] === gi && row[gi] > 0 && (chosen < 0 || row[gi] > pck[chosen][gi])) chosen = pi;
    });
    if (chosen >= 0) result[chosen] = gi;
  }
  return result;
}
