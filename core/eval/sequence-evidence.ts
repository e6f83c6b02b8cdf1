import { EVAL_JOINT_COUNT } from './joints';
import { matchFrame, type FrameMatch } from './match-frame';
import { addMotCounts, emptyMotCounts, MotAccumulator, type MotCounts } from './mot-accumulator';
import type { PreparedFrame, PreparedSequence } from './prepare-sequence';

/** What the PoseTrack metrics are computed from, per evaluation joint; sums over sequences. */
export interface JointEvidence {
  /** Every predicted joint's score and whether it is correct, in frame order (for AP). */
  scored: { score: number; correct: boolean }[][];
  /** Annotated ground-truth joints. */
  positives: number[];
  /** CLEAR-MOT event counts. */
  mot: MotCounts[];
}

export function emptyEvidence(): JointEvidence {
  return {
    scored: Array.from({ length: EVAL_JOINT_COUNT }, () => []),
    positives: new Array<number>(EVAL_JOINT_COUNT).fill(0),
    mot: Array.from({ length: EVAL_JOINT_COUNT }, emptyMotCounts),
  };
}

export function addEvidence(a: JointEvidence, b: JointEvidence): JointEvidence {
  return {
    scored: a.scored.map((s, j) => [...s, ...b.scored[j]]),
    positives: a.positives.map((p, j) => p + b.positives[j]),
    mot: a.mot.map((m, j) => addMotCounts(m, b.mot[j])),
  };
}

/**
 * Matches every prepared frame as the official evaluation does and collects AP and MOT evidence.
 * Two of its rules are kept on purpose, so that numbers compare with published ones: the MOT
 * accumulators skip each sequence's last evaluated frame, and a frame where one side has nobody
 * books one placeholder miss and one false positive per joint (whatever the other side holds).
 */
export function collectEvidence(sequence: PreparedSequence): JointEvidence {
  const evidence = emptyEvidence();
  const accumulators = Array.from({ length: EVAL_JOINT_COUNT }, () => new MotAccumulator());
  sequence.frames.forEach((frame, i) => {
    const match = matchOrPlaceholder(frame);
    for (let j = 0; j < EVAL_JOINT_COUNT; j++) {
      evidence.scored[j].push(...match.scored[j]);
      evidence.positives[j] += match.groundTruthCount[j];
      if (i === sequence.frames.length - 1) continue;
      accumulators[j].updatePairs(match.mot[j].objectIds, match.mot[j].hypothesisIds, match.mot[j].pairs);
    }
  });
  evidence.mot = accumulators.map((a) => ({ ...a.counts }));
  return evidence;
}

const PLACEHOLDER = { objectIds: [0], hypothesisIds: [0], pairs: [] };

function matchOrPlaceholder(frame: PreparedFrame): FrameMatch {
  const { groundTruth, predictions } = frame;
  if (groundTruth.length > 0 && predictions.length > 0) return matchFrame(groundTruth, predictions);
  return {
    // With no ground truth left every predicted joint is wrong; with no prediction nothing is scored.
    scored: Array.from({ length: EVAL_JOINT_COUNT }, (_, j) =>
      predictions.flatMap((p) => (p.joints[j] ? [{ score: p.joints[j].score, correct: false }] : [])),
    ),
    groundTruthCount: Array.from({ length: EVAL_JOINT_COUNT }, (_, j) => groundTruth.filter((g) => g.joints[j]).length),
    mot: Array.from({ length: EVAL_JOINT_COUNT }, () => PLACEHOLDER),
  };
}
