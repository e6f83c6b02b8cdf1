import { averagePrecision } from './average-precision';
import type { EvalPerson } from './eval-sequence';
import { identityFrame } from './identity-frame';
import { IdentityAccumulator, type IdentityReport } from './identity-report';
import { EVAL_JOINT_GROUPS, EVAL_JOINT_NAMES } from './joints';
import { addMotCounts, emptyMotCounts, motMetrics, type MotCounts } from './mot-accumulator';
import { prepareSequence, type SequencePair } from './prepare-sequence';
import { addEvidence, collectEvidence, emptyEvidence, type JointEvidence } from './sequence-evidence';

export type { SequencePair } from './prepare-sequence';

/** A metric per joint (by name), per table group, and the mean over joints ("total"). */
export interface JointMetric {
  perJoint: Record<string, number>;
  perGroup: Record<string, number>;
  total: number;
}

/**
 * The PoseTrack metrics of one sequence or of all of them. Further metrics (identity or HOTA
 * scores) join as more fields here, computed per sequence and overall alike.
 */
export interface PoseTrackMetrics {
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

export interface SequenceReport extends PoseTrackMetrics {
  groundTruth: string;
  prediction: string;
  frames: number;
  evaluatedFrames: number;
}

export interface EvalReport extends PoseTrackMetrics {
  sequences: SequenceReport[];
  /** Person-level identity metrics: IDF1 (IDP/IDR) and HOTA (DetA/AssA), per sequence and overall. */
  identity: IdentityReport;
}

/**
 * Evaluates predictions against PoseTrack ground truth, file pair by file pair, as the official
 * evaluation (poseval) does: per-joint AP with PCKh@0.5 and score ranking over all sequences,
 * per-joint MOTA/MOTP/precision/recall from CLEAR-MOT events, "total" the mean over joints.
 * Each sequence is also scored on its own (poseval's per-sequence results); IDF1 and HOTA come
 * from the same prepared frames.
 */
export async function evaluate(pairs: readonly SequencePair[]): Promise<EvalReport> {
  const sequences: SequenceReport[] = [];
  let all = emptyEvidence();
  const identity = new IdentityAccumulator();
  for (const pair of pairs) {
    const prepared = await prepareSequence(pair);
    const evidence = collectEvidence(prepared);
    all = addEvidence(all, evidence);
    identity.addSequence(
      prepared.frames.map((f) => identityFrame(withJoints(f.groundTruth), withJoints(f.predictions))),
    );
    sequences.push({
      ...pair,
      frames: prepared.frameCount,
      evaluatedFrames: prepared.frames.length,
      ...poseTrackMetrics(evidence),
    });
  }
  return { sequences, ...poseTrackMetrics(all), identity: identity.report() };
}

/** Identity metrics count people by their joints: one listed without any is nobody to find. */
const withJoints = (people: readonly EvalPerson[]) => people.filter((p) => p.joints.some(Boolean));

export function poseTrackMetrics(evidence: JointEvidence): PoseTrackMetrics {
  const apPerJoint = evidence.scored.map((s, j) =>
    averagePrecision(
      s.map((x) => x.score),
      s.map((x) => x.correct),
      evidence.positives[j],
    ),
  );
  const motPerJoint = evidence.mot.map(motMetrics);
  return {
    ap: jointMetric(apPerJoint.map((m) => m.ap)),
    apPrecision: jointMetric(apPerJoint.map((m) => m.precision)),
    apRecall: jointMetric(apPerJoint.map((m) => m.recall)),
    mota: jointMetric(motPerJoint.map((m) => m.mota)),
    motp: jointMetric(motPerJoint.map((m) => m.motp)),
    precision: jointMetric(motPerJoint.map((m) => m.precision)),
    recall: jointMetric(motPerJoint.map((m) => m.recall)),
    motCounts: evidence.mot.reduce(addMotCounts, emptyMotCounts()),
  };
}

/** Mean over the values that are defined (NaN = undefined for that joint). */
function meanOfDefined(values: number[]): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length ? defined.reduce((s, v) => s + v, 0) / defined.length : NaN;
}

/** "total" leaves undefined joints out; a table group is undefined when one of its joints is. */

export function jointMetric(values: number[]): JointMetric {
  return {
    perJoint: Object.fromEntries(EVAL_JOINT_NAMES.map((name, j) => [name, values[j]])),
    perGroup: Object.fromEntries(
      EVAL_JOINT_GROUPS.map((g) => [g.name, g.joints.reduce((sum, j) => sum + values[j], 0) / g.joints.length]),
    ),
    total: meanOfDefined(values),
  };
}
