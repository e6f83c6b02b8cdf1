import { getSchema, type KeypointSchema } from '../keypoints/schema';
import type { TrackedPose, TrackingResult } from '../types';
import { confidenceDrops, keypointJumps, predictNext, similarity, startsAndEnds, weakMatches } from './problem-checks';
import { DEFAULT_PROBLEM_OPTIONS, makeProblem, type Problem, type ProblemOptions } from './problem-types';
import { trackSeries } from './track-series';

export { DEFAULT_PROBLEM_OPTIONS, problemId, type Problem, type ProblemKind, type ProblemOptions } from './problem-types';

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
    );
  }
  return problems.sort((a, b) => a.frameIndex - b.frameIndex || b.severity - a.severity || a.id.localeCompare(b.id));
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
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const share = crossedShare(ids[i], ids[j], byTrack[p - 2], byTrack[p - 1], byTrack[p], schema, o.minKeypointScore);
        if (share >= o.swapCrossShare) {
          const frameIndex = result.frames[p].frameIndex;
          out.push(makeProblem('likely-swap', frameIndex, [ids[i], ids[j]], 0.5 + 0.5 * share, `crossed match takes ${Math.round(share * 100)}% of the similarity`));
        }
      }
    }
  }
  return out;
}

function crossedShare(
  a: number,
  b: number,
  before: Map<number, TrackedPose> | undefined,
  last: Map<number, TrackedPose>,
  now: Map<number, TrackedPose>,
  schema: KeypointSchema,
  minScore: number,
): number {
  const [lastA, lastB] = [last.get(a)!, last.get(b)!];
  const predA = predictNext(before?.get(a), lastA, minScore);
  const predB = predictNext(before?.get(b), lastB, minScore);
  const [nowA, nowB] = [now.get(a)!, now.get(b)!];
  const straight = similarity(predA, lastA, nowA, schema, minScore) + similarity(predB, lastB, nowB, schema, minScore);
  const crossed = similarity(predA, lastA, nowB, schema, minScore) + similarity(predB, lastB, nowA, schema, minScore);
  const total = straight + crossed;
  return total > 0 ? crossed / total : 0;
}
