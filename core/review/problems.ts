import { getSchema, type KeypointSchema } from '../keypoints/schema';
import type { Keypoint, TrackedPose, TrackingResult } from '../types';
import {
  confidenceDrops,
  identityJumps,
  keypointJumps,
  predictNext,
  similarity,
  startsAndEnds,
  trackGaps,
  weakMatches,
} from './problem-checks';
import { DEFAULT_PROBLEM_OPTIONS, makeProblem, type Problem, type ProblemOptions } from './problem-types';
import { trackSeries } from '../analysis/track-series';

export {
  DEFAULT_PROBLEM_OPTIONS,
  problemId,
  type Problem,
  type ProblemKind,
  type ProblemOptions,
} from './problem-types';
export {
  groupProblems,
  isDismissed,
  kindDismissalId,
  openSpans,
  rankSpans,
  SPAN_GAP_FRAMES,
  type ProblemSpan,
} from './problem-spans';

/**
 * Everything in a tracking result worth a second look, in frame order (ties: most severe first).
 * Pure and quick (linear in poses, plus pairs of tracks present in the same frames), so the app
 * recomputes it after every edit.
 */
export function detectProblems(result: TrackingResult, options: Partial<ProblemOptions> = {}): Problem[] {
  const o = { ...DEFAULT_PROBLEM_OPTIONS, ...options };
  const schema = getSchema(result.schema);
  if (result.frames.length === 0) return [];
  const firstFrame = result.frames[0].frameIndex;
  const lastFrame = result.frames[result.frames.length - 1].frameIndex;
  const problems: Problem[] = likelySwaps(result, schema, o);
  for (const series of trackSeries(result).values()) {
    problems.push(
      ...weakMatches(series, schema, o),
      ...startsAndEnds(series, firstFrame, lastFrame, result.video, o),
      ...keypointJumps(series, schema, o),
      ...confidenceDrops(series, o),
      ...identityJumps(series, o),
      ...trackGaps(series),
    );
  }
  return coalesce(problems).sort(
    (a, b) => a.frameIndex - b.frameIndex || b.severity - a.severity || a.id.localeCompare(b.id),
  );
}

/** Problems of one kind and tracks closer than this (frames) are one streak: listed once. */
const STREAK_GAP_FRAMES = 2;

/**
 * One entry per streak: a person lost for 15 frames is one thing to look at, not 15. The streak
 * keeps its first frame (and so its id), its worst severity and says how long it lasts.
 */
function coalesce(problems: Problem[]): Problem[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.kind}:${p.trackIds.join('-')}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  const out: Problem[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.frameIndex - b.frameIndex);
    let streak: Problem[] = [];
    const flush = () => {
      if (!streak.length) return;
      const [first, last] = [streak[0], streak[streak.length - 1]];
      const worst = streak.reduce((m, p) => (p.severity > m.severity ? p : m), first);
      out.push(
        streak.length === 1
          ? first
          : {
              ...first,
              lastFrameIndex: last.lastFrameIndex ?? last.frameIndex,
              severity: worst.severity,
              detail: `${worst.detail}; ${streak.length}× in frames ${first.frameIndex}–${last.frameIndex}`,
            },
      );
      streak = [];
    };
    for (const p of list) {
      if (streak.length && p.frameIndex - streak[streak.length - 1].frameIndex > STREAK_GAP_FRAMES) flush();
      streak.push(p);
    }
    flush();
  }
  return out;
}

/** The same problems, most severe first: what to fix first. */
export function bySeverity(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => b.severity - a.severity || a.frameIndex - b.frameIndex);
}

/**
 * Two tracks whose crossed assignment (A's predicted pose to B's new pose and the reverse) scores
 * about as well as, or better than, the assignment the tracker made: the tracker's choice was
 * close, or wrong. Severity grows with the crossed share, so real switches rank first.
 */
function likelySwaps(result: TrackingResult, schema: KeypointSchema, o: ProblemOptions): Problem[] {
  const out: Problem[] = [];
  const byTrack = result.frames.map((frame) => new Map(frame.poses.map((pose) => [pose.trackId, pose])));
  for (let p = 1; p < result.frames.length; p++) {
    const ids = [...byTrack[p].keys()].filter((id) => byTrack[p - 1].has(id));
    if (ids.length < 2) continue;
    // Each track's motion-predicted pose, once per frame, shared by every pair it is in.
    const predicted = new Map(
      ids.map((id) => [id, predictNext(byTrack[p - 2]?.get(id), byTrack[p - 1].get(id)!, o.minKeypointScore)]),
    );
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const share = crossedShare(ids[i], ids[j], predicted, byTrack[p - 1], byTrack[p], schema, o.minKeypointScore);
        if (share >= o.swapCrossShare) {
          const frameIndex = result.frames[p].frameIndex;
          out.push(
            makeProblem(
              'likely-swap',
              frameIndex,
              [ids[i], ids[j]],
              0.5 + 0.5 * share,
              `crossed match takes ${Math.round(share * 100)}% of the similarity`,
            ),
          );
        }
      }
    }
  }
  return out;
}

const FAR_APART_HEIGHTS = 2;

function boxDistance(a: TrackedPose, b: TrackedPose): number {
  return Math.hypot(a.box.x + a.box.w / 2 - b.box.x - b.box.w / 2, a.box.y + a.box.h / 2 - b.box.y - b.box.h / 2);
}

function crossedShare(
  a: number,
  b: number,
  predicted: Map<number, Keypoint[]>,
  last: Map<number, TrackedPose>,
  now: Map<number, TrackedPose>,
  schema: KeypointSchema,
  minScore: number,
): number {
  const [lastA, lastB] = [last.get(a)!, last.get(b)!];
  const [predA, predB] = [predicted.get(a)!, predicted.get(b)!];
  const [nowA, nowB] = [now.get(a)!, now.get(b)!];
  // People more than two body heights apart cannot be confused (their OKS is below e^-50): skip.
  if (boxDistance(lastA, nowB) > FAR_APART_HEIGHTS * Math.max(lastA.box.h, nowB.box.h)) return 0;
  const crossed = similarity(predA, lastA, nowB, schema, minScore) + similarity(predB, lastB, nowA, schema, minScore);
  if (crossed === 0) return 0;
  const straight = similarity(predA, lastA, nowA, schema, minScore) + similarity(predB, lastB, nowB, schema, minScore);
  return crossed / (straight + crossed);
}
