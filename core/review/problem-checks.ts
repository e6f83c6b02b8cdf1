import type { KeypointSchema } from '../keypoints/schema';
import { oks } from '../track/oks';
import type { Keypoint, TrackedPose, VideoInfo } from '../types';
import { makeProblem, type Problem, type ProblemOptions } from './problem-types';
import type { TrackSeries } from '../analysis/track-series';

/**
 * The single checks behind the problem list. Each looks at consecutive processed frames of one
 * track (or a pair of tracks) and returns problems; `detectProblems` runs them all.
 */

/** Where `pose` is expected one frame after `previous` → `pose` moved (constant velocity per keypoint). */
export function predictNext(before: TrackedPose | undefined, last: TrackedPose, minScore: number): Keypoint[] {
  if (!before) return last.keypoints;
  return last.keypoints.map(([x, y, s], k) => {
    const [bx, by, bs] = before.keypoints[k];
    return s >= minScore && bs >= minScore ? [2 * x - bx, 2 * y - by, s] : [x, y, s];
  });
}

export function similarity(
  predicted: Keypoint[],
  ref: TrackedPose,
  pose: TrackedPose,
  schema: KeypointSchema,
  minScore: number,
): number {
  return oks(pose.keypoints, predicted, ref.box.w * ref.box.h, schema.sigmas, minScore);
}

export function weakMatches(series: TrackSeries, schema: KeypointSchema, o: ProblemOptions): Problem[] {
  const out: Problem[] = [];
  const { poses } = series;
  for (let j = 1; j < poses.length; j++) {
    const [last, pose] = [poses[j - 1], poses[j]];
    if (!last || !pose) continue;
    const score = similarity(
      predictNext(poses[j - 2], last, o.minKeypointScore),
      last,
      pose,
      schema,
      o.minKeypointScore,
    );
    if (score < o.weakMatchOks) {
      out.push(
        makeProblem(
          'weak-match',
          series.frameIndices[j],
          [series.trackId],
          0.3 + 0.5 * (1 - score / o.weakMatchOks),
          `matched its previous pose with OKS ${score.toFixed(2)}`,
        ),
      );
    }
  }
  return out;
}

function boxFarFromBorder(pose: TrackedPose, video: VideoInfo, marginFraction: number): boolean {
  if (!video.width || !video.height) return false;
  const margin = marginFraction * Math.min(video.width, video.height);
  const { x, y, w, h } = pose.box;
  return x > margin && y > margin && x + w < video.width - margin && y + h < video.height - margin;
}

/** Tracks that appear or vanish in the middle of the picture: a missed detection or a broken identity. */
export function startsAndEnds(
  series: TrackSeries,
  firstFrame: number,
  lastFrame: number,
  video: VideoInfo,
  o: ProblemOptions,
): Problem[] {
  const out: Problem[] = [];
  const first = series.poses[0]!;
  const last = series.poses[series.poses.length - 1]!;
  const lengthFrames = series.frameIndices.length;
  // A short fragment is more likely a tracking error than a person entering through a door.
  const severity = 0.35 + 0.25 * Math.min(1, 30 / Math.max(lengthFrames, 1));
  if (series.frameIndices[0] > firstFrame && boxFarFromBorder(first, video, o.borderMarginFraction)) {
    out.push(
      makeProblem(
        'track-start',
        series.frameIndices[0],
        [series.trackId],
        severity,
        'starts away from the frame border',
      ),
    );
  }
  const end = series.frameIndices[lengthFrames - 1];
  if (end < lastFrame && boxFarFromBorder(last, video, o.borderMarginFraction)) {
    out.push(makeProblem('track-end', end, [series.trackId], severity, 'ends away from the frame border'));
  }
  return out;
}

/**
 * A keypoint far both from where it was and from where its own motion puts it (constant velocity
 * from the two frames before): a glitch of the pose model or a pose taken from someone else. A
 * fast but steady arm swing is near its prediction, so it is not a jump.
 */
export function keypointJumps(series: TrackSeries, schema: KeypointSchema, o: ProblemOptions): Problem[] {
  const out: Problem[] = [];
  for (let j = 1; j < series.poses.length; j++) {
    const [a, b] = [series.poses[j - 1], series.poses[j]];
    if (!a || !b) continue;
    const predicted = predictNext(series.poses[j - 2], a, o.minKeypointScore);
    const heightPx = Math.max(a.box.h, 1);
    let worst = -1;
    let worstPx = 0;
    b.keypoints.forEach(([x, y, s], k) => {
      const [px, py] = predicted[k];
      const [ax, ay, as] = a.keypoints[k];
      if (s < o.minKeypointScore || as < o.minKeypointScore) return;
      // Far from both where it was and where its motion leads: noise is near the first, a swing near the second.
      const d = Math.min(Math.hypot(x - px, y - py), Math.hypot(x - ax, y - ay));
      if (d > worstPx) [worst, worstPx] = [k, d];
    });
    const fraction = worstPx / heightPx;
    if (worst >= 0 && fraction > o.jumpFractionOfHeight) {
      const detail = `${schema.names[worst]} ${Math.round(worstPx)} px off its path (${fraction.toFixed(2)} × body height)`;
      out.push(
        makeProblem(
          'keypoint-jump',
          series.frameIndices[j],
          [series.trackId],
          0.2 + 0.4 * Math.min(1, fraction / (4 * o.jumpFractionOfHeight)),
          detail,
        ),
      );
    }
  }
  return out;
}

export function confidenceDrops(series: TrackSeries, o: ProblemOptions): Problem[] {
  const out: Problem[] = [];
  const recent: number[] = [];
  let inDrop = false;
  series.poses.forEach((pose, j) => {
    if (!pose) return;
    const baseline =
      recent.length >= Math.min(3, o.confidenceWindowFrames) ? recent.reduce((s, v) => s + v, 0) / recent.length : 0;
    const ratio = baseline > 0 ? pose.score / baseline : 1;
    const dropped = ratio < o.confidenceDropRatio;
    // One problem where the collapse starts, not one per frame of it.
    if (dropped && !inDrop) {
      out.push(
        makeProblem(
          'confidence-drop',
          series.frameIndices[j],
          [series.trackId],
          0.2 + 0.4 * (1 - ratio),
          `pose score fell to ${Math.round(ratio * 100)}% of its recent mean`,
        ),
      );
    }
    inDrop = dropped;
    if (dropped) return;
    recent.push(pose.score);
    if (recent.length > o.confidenceWindowFrames) recent.shift();
  });
  return out;
}

function boxCentre(pose: TrackedPose): [number, number] {
  return [pose.box.x + pose.box.w / 2, pose.box.y + pose.box.h / 2];
}

/**
 * A track whose box leaps by most of a body height between consecutive frames has most likely
 * been handed to another person (two tracks merged into one id, or one side of a swap).
 */
export function identityJumps(series: TrackSeries, o: ProblemOptions): Problem[] {
  const out: Problem[] = [];
  for (let j = 1; j < series.poses.length; j++) {
    const [a, b] = [series.poses[j - 1], series.poses[j]];
    if (!a || !b) continue;
    const [ax, ay] = boxCentre(a);
    const [bx, by] = boxCentre(b);
    const heights = Math.hypot(bx - ax, by - ay) / Math.max(a.box.h, b.box.h, 1);
    if (heights > o.identityJumpHeights) {
      out.push(
        makeProblem(
          'identity-jump',
          series.frameIndices[j],
          [series.trackId],
          0.6 + 0.4 * Math.min(1, heights / (3 * o.identityJumpHeights)),
          `box moved ${heights.toFixed(1)} body heights in one frame`,
        ),
      );
    }
  }
  return out;
}

/** Frames inside a track's span where it has no pose: the person was lost, or the id was given to a piece. */
export function trackGaps(series: TrackSeries): Problem[] {
  const out: Problem[] = [];
  let start = -1;
  series.poses.forEach((pose, j) => {
    if (!pose && start < 0) start = j;
    if (pose && start >= 0) {
      const [from, to] = [series.frameIndices[start], series.frameIndices[j - 1]];
      const lost = to - from + 1;
      const problem = makeProblem(
        'track-gap',
        from,
        [series.trackId],
        0.5 + 0.5 * Math.min(1, lost / 15),
        `missing on ${lost} frame${lost === 1 ? '' : 's'} (${from}–${to})`,
      );
      out.push(lost > 1 ? { ...problem, lastFrameIndex: to } : problem);
      start = -1;
    }
  });
  return out;
}
