import { readPoseTrackDocument } from '../export/posetrack-document';
import { MAX_TRACK_ID_EXCLUSIVE } from '../export/schemas/posetrack18';
import { averagePrecision } from './average-precision';
import { dropIgnored, toEvalFrames } from './eval-sequence';
import { EVAL_JOINT_COUNT, EVAL_JOINT_GROUPS, EVAL_JOINT_NAMES } from './joints';
import { matchFrame } from './match-frame';
import { addMotCounts, emptyMotCounts, MotAccumulator, motMetrics, type MotCounts } from './mot-accumulator';

export interface SequencePair {
  groundTruth: string;
  prediction: string;
}

/** A metric per joint (by name), per table group, and the mean over joints ("total"). */
export interface JointMetric {
  perJoint: Record<string, number>;
  perGroup: Record<string, number>;
  total: number;
}

export interface EvalReport {
  sequences: { groundTruth: string; prediction: string; frames: number; evaluatedFrames: number }[];
  ap: JointMetric;
  apPrecision: JointMetric;
  apRecall: JointMetric;
  mota: JointMetric;
  motp: JointMetric;
  precision: JointMetric;
  recall: JointMetric;
  /** Raw MOT event counts summed over joints (misses, switches, false positives, …). */
  motCounts: MotCounts;
}

/**
 * Evaluates predictions against PoseTrack ground truth, file pair by file pair, as the official
 * evaluation (poseval) does: per-joint AP with PCKh@0.5 and score ranking over all sequences,
 * and per-joint MOTA/MOTP/precision/recall from CLEAR-MOT events; "total" is the mean over joints.
 * Frames the ground truth leaves unlabelled (or without people) are skipped; joints inside
 * ignore regions are dropped from both sides.
 *
 * Two deliberate differences from poseval's code: every frame of a sequence is counted (poseval
 * skips each sequence's last frame in MOT), and a frame where one side is empty gives misses or
 * false positives for what the other side has (poseval books one placeholder miss and false
 * positive per joint there). On complete predictions the numbers agree.
 */
export async function evaluate(pairs: readonly SequencePair[]): Promise<EvalReport> {
  const scored = Array.from({ length: EVAL_JOINT_COUNT }, () => [] as { score: number; correct: boolean }[]);
  const positives = new Array<number>(EVAL_JOINT_COUNT).fill(0);
  const motTotals = Array.from({ length: EVAL_JOINT_COUNT }, () => emptyMotCounts());
  const sequences: EvalReport['sequences'] = [];
  for (const pair of pairs) {
    // Read in turn: when both files are bad, the error always names the ground truth first.
    const gtDoc = await readPoseTrackDocument(pair.groundTruth);
    const predDoc = await readPoseTrackDocument(pair.prediction);
    const gtFrames = toEvalFrames(gtDoc, 'ground truth');
    const predFrames = toEvalFrames(predDoc, 'prediction');
    if (gtFrames.length !== predFrames.length) {
      throw new Error(`${pair.prediction}: ${predFrames.length} frames, but the ground truth ${pair.groundTruth} has ${gtFrames.length}; a prediction needs one entry per frame.`);
    }
    checkUniqueTrackIds(pair.prediction, predFrames.map((f) => f.people.map((p) => p.trackId)));
    const accumulators = Array.from({ length: EVAL_JOINT_COUNT }, () => new MotAccumulator());
    let evaluatedFrames = 0;
    gtFrames.forEach((gtFrame, f) => {
      if (!gtFrame.labeled || gtFrame.people.length === 0) return;
      evaluatedFrames++;
      const gt = dropIgnored(gtFrame.people, gtFrame.ignoreRegions);
      const pred = dropIgnored(predFrames[f].people, gtFrame.ignoreRegions);
      const match = matchFrame(gt, pred);
      for (let j = 0; j < EVAL_JOINT_COUNT; j++) {
        scored[j].push(...match.scored[j]);
        positives[j] += match.groundTruthCount[j];
        accumulators[j].update(match.mot[j].objectIds, match.mot[j].hypothesisIds, match.mot[j].distance);
      }
    });
    accumulators.forEach((a, j) => (motTotals[j] = addMotCounts(motTotals[j], a.counts)));
    sequences.push({ groundTruth: pair.groundTruth, prediction: pair.prediction, frames: gtFrames.length, evaluatedFrames });
  }
  const apPerJoint = scored.map((s, j) => averagePrecision(s.map((x) => x.score), s.map((x) => x.correct), positives[j]));
  const motPerJoint = motTotals.map(motMetrics);
  return {
    sequences,
    ap: jointMetric(apPerJoint.map((m) => m.ap)),
    apPrecision: jointMetric(apPerJoint.map((m) => m.precision)),
    apRecall: jointMetric(apPerJoint.map((m) => m.recall)),
    mota: jointMetric(motPerJoint.map((m) => m.mota)),
    motp: jointMetric(motPerJoint.map((m) => m.motp)),
    precision: jointMetric(motPerJoint.map((m) => m.precision)),
    recall: jointMetric(motPerJoint.map((m) => m.recall)),
    motCounts: motTotals.reduce(addMotCounts, emptyMotCounts()),
  };
}

function checkUniqueTrackIds(file: string, idsPerFrame: number[][]): void {
  idsPerFrame.forEach((ids, f) => {
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) throw new Error(`${file}: frame ${f} has track id ${duplicate} twice; ids must be unique per frame.`);
    const tooLarge = ids.find((id) => id >= MAX_TRACK_ID_EXCLUSIVE);
    if (tooLarge !== undefined) throw new Error(`${file}: frame ${f} has track id ${tooLarge}; PoseTrack ids must be below ${MAX_TRACK_ID_EXCLUSIVE}.`);
  });
}

/** Mean over the values that are defined (NaN = the joint never occurs). */
function mean(values: number[]): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length ? defined.reduce((s, v) => s + v, 0) / defined.length : NaN;
}

function jointMetric(values: number[]): JointMetric {
  return {
    perJoint: Object.fromEntries(EVAL_JOINT_NAMES.map((name, j) => [name, values[j]])),
    perGroup: Object.fromEntries(EVAL_JOINT_GROUPS.map((g) => [g.name, mean(g.joints.map((j) => values[j]))])),
    total: mean(values),
  };
}
