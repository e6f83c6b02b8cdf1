import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';

/** What the problem list reports; the UI steps through these and marks them reviewed. */
export type ProblemKind =
  | 'likely-swap'
  | 'identity-jump'
  | 'track-gap'
  | 'weak-match'
  | 'track-start'
  | 'track-end'
  | 'keypoint-jump'
  | 'confidence-drop';

export interface Problem {
  /** Stable across recomputation of the same result: `kind@frame:tracks`. Reviewed marks use it. */
  id: string;
  kind: ProblemKind;
  frameIndex: number;
  /** Last frame of a streak of the same problem (absent: one frame). */
  lastFrameIndex?: number;
  trackIds: number[];
  /** 0..1, higher = more likely a real error worth looking at first. */
  severity: number;
  /** One line for the list, e.g. "left_wrist moved 212 px (0.6 × body height)". */
  detail: string;
}

export interface ProblemOptions {
  /** A track's pose matching its motion-predicted previous pose below this OKS is a weak match. */
  weakMatchOks: number;
  /** Likely swap when the crossed assignment of two tracks gets at least this share of the total OKS. */
  swapCrossShare: number;
  /** A track starting/ending with its box further than this fraction of the frame from every border. */
  borderMarginFraction: number;
  /** A keypoint moving more than this fraction of the pose's box height in one frame. */
  jumpFractionOfHeight: number;
  /** Keypoints below this score take no part in the checks. */
  minKeypointScore: number;
  /** Confidence drop: pose score below this fraction of its mean over the frames before. */
  confidenceDropRatio: number;
  /** Frames averaged for the confidence baseline. */
  confidenceWindowFrames: number;
  /** A track's box centre moving more than this many body heights in one frame: it jumped to someone else. */
  identityJumpHeights: number;
}

export const DEFAULT_PROBLEM_OPTIONS: ProblemOptions = Object.freeze({
  weakMatchOks: 0.5,
  swapCrossShare: 0.4,
  borderMarginFraction: 0.06,
  jumpFractionOfHeight: 0.3,
  minKeypointScore: MIN_VISIBLE_KEYPOINT_SCORE,
  confidenceDropRatio: 0.5,
  confidenceWindowFrames: 10,
  identityJumpHeights: 0.8,
});

export function problemId(kind: ProblemKind, frameIndex: number, trackIds: readonly number[]): string {
  return `${kind}@${frameIndex}:${[...trackIds].sort((a, b) => a - b).join('-')}`;
}

export function makeProblem(
  kind: ProblemKind,
  frameIndex: number,
  trackIds: number[],
  severity: number,
  detail: string,
): Problem {
  const ids = [...trackIds].sort((a, b) => a - b);
  return {
    id: problemId(kind, frameIndex, ids),
    kind,
    frameIndex,
    trackIds: ids,
    severity: Math.min(1, Math.max(0, severity)),
    detail,
  };
}
