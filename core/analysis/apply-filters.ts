import {
  KEYPOINT_FLAG,
  type Box,
  type FilterSettings,
  type Keypoint,
  type TrackedPose,
  type TrackingResult,
} from '../types';
import { checkFilterSettings, filtersActive } from './filter-settings';
import { fillSeriesGaps } from './gap-fill';
import { oneEuroSeries } from './one-euro';
import { savgolSeries } from './savgol';
import { presentRuns, trackSeries, type TrackSeries } from './track-series';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';

/**
 * Keypoints scored below this are left as they are and break the smoothing run: a model's guess
 * for a joint it cannot see jumps around and would drag the confident neighbours with it.
 */

/** A smoothed value closer than this to the raw one counts as unchanged (and is not flagged). */
const UNCHANGED_PX = 1e-6;

/**
 * The result as the filters see it: gaps filled, then keypoints smoothed, per track and keypoint
 * over the processed frames. The input is never changed; every filled or smoothed keypoint is
 * flagged (`KEYPOINT_FLAG.filled` / `.smoothed`), and hand-edited keypoints keep their values.
 * Poses made up for frames where a track was missing carry `filled` on every keypoint they have.
 */
export function applyFilters(result: TrackingResult, settings: FilterSettings): TrackingResult {
  checkFilterSettings(settings);
  if (!filtersActive(settings)) return result;
  const changes = new Map<number, Map<number, TrackedPose>>();
  for (const series of trackSeries(result).values()) {
    const filtered = filterTrack(series, settings);
    filtered.forEach((pose, j) => {
      if (!pose || pose === series.poses[j]) return;
      const position = series.positions[j];
      if (!changes.has(position)) changes.set(position, new Map());
      changes.get(position)!.set(series.trackId, pose);
    });
  }
  if (changes.size === 0) return result;
  const frames = result.frames.map((frame, position) => {
    const byTrack = changes.get(position);
    if (!byTrack) return frame;
    const kept = frame.poses.map((pose) => byTrack.get(pose.trackId) ?? pose);
    const added = [...byTrack.values()].filter((pose) => !frame.poses.some((p) => p.trackId === pose.trackId));
    return { ...frame, poses: [...kept, ...added] };
  });
  return { ...result, frames };
}

function filterTrack(series: TrackSeries, settings: FilterSettings): (TrackedPose | undefined)[] {
  const { poses } = series;
  const keypointCount = poses.find((p) => p)!.keypoints.length;
  const keypoints: Keypoint[][] = poses.map((p) =>
    p ? p.keypoints.map((k) => [...k] as Keypoint) : Array.from({ length: keypointCount }, () => [0, 0, 0] as Keypoint),
  );
  const flags: number[][] = poses.map((p) => p?.keypointFlags?.slice() ?? new Array<number>(keypointCount).fill(0));
  const changed = poses.map(() => false);
  for (let k = 0; k < keypointCount; k++) {
    const column =
      (minScore: number): Column =>
      (axis) => {
        const values = new Array<number | null>(keypoints.length);
        for (let j = 0; j < keypoints.length; j++) {
          const kp = keypoints[j][k];
          values[j] = kp[2] > 0 && kp[2] >= minScore ? kp[axis] : null;
        }
        return values;
      };
    if (settings.maxGapFrames > 0) fillKeypoint(series, settings, k, column(0), keypoints, flags, changed);
    if (settings.smooth !== 'none')
      smoothKeypoint(series, settings, k, column(MIN_VISIBLE_KEYPOINT_SCORE), keypoints, flags, changed);
  }
  return poses.map((pose, j) => {
    if (!changed[j]) return pose;
    const keypointFlags = flags[j];
    if (pose) return { ...pose, keypoints: keypoints[j], keypointFlags };
    return madeUpPose(series, j, keypoints[j], keypointFlags);
  });
}

type Column = (axis: 0 | 1 | 2) => (number | null)[];

function fillKeypoint(
  series: TrackSeries,
  settings: FilterSettings,
  k: number,
  column: Column,
  keypoints: Keypoint[][],
  flags: number[][],
  changed: boolean[],
): void {
  const fill = (axis: 0 | 1 | 2, method: FilterSettings['gapMethod']) =>
    fillSeriesGaps(series.frameIndices, column(axis), settings.maxGapFrames, method);
  const [xs, ys, scores] = [fill(0, settings.gapMethod), fill(1, settings.gapMethod), fill(2, 'linear')];
  xs.filled.forEach((isFilled, j) => {
    if (!isFilled) return;
    keypoints[j][k] = [xs.ys[j]!, ys.ys[j]!, scores.ys[j]!];
    flags[j][k] |= KEYPOINT_FLAG.filled;
    changed[j] = true;
  });
}

function smoothKeypoint(
  series: TrackSeries,
  settings: FilterSettings,
  k: number,
  column: Column,
  keypoints: Keypoint[][],
  flags: number[][],
  changed: boolean[],
): void {
  for (const axis of [0, 1] as const) {
    const values = column(axis);
    for (const [start, end] of presentRuns(values)) {
      const run = values.slice(start, end) as number[];
      const smoothed =
        settings.smooth === 'savgol'
          ? savgolSeries(run, settings.savgolWindowFrames, settings.savgolOrder)
          : oneEuroSeries(run, series.timesMs.slice(start, end), {
              minCutoffHz: settings.oneEuroMinCutoffHz,
              beta: settings.oneEuroBeta,
            });
      for (let i = 0; i < smoothed.length; i++) {
        const j = start + i;
        if (flags[j][k] & KEYPOINT_FLAG.edited || Math.abs(smoothed[i] - run[i]) <= UNCHANGED_PX) continue;
        keypoints[j][k][axis] = smoothed[i];
        flags[j][k] |= KEYPOINT_FLAG.smoothed;
        changed[j] = true;
      }
    }
  }
}

/** A pose for a frame where the track was missing: box and score interpolated from the poses around it. */
function madeUpPose(series: TrackSeries, j: number, keypoints: Keypoint[], keypointFlags: number[]): TrackedPose {
  let before = j - 1;
  while (!series.poses[before]) before--;
  let after = j + 1;
  while (!series.poses[after]) after++;
  const [a, b] = [series.poses[before]!, series.poses[after]!];
  const t =
    (series.frameIndices[j] - series.frameIndices[before]) / (series.frameIndices[after] - series.frameIndices[before]);
  const mix = (u: number, v: number) => u + (v - u) * t;
  const box: Box = {
    x: mix(a.box.x, b.box.x),
    y: mix(a.box.y, b.box.y),
    w: mix(a.box.w, b.box.w),
    h: mix(a.box.h, b.box.h),
    score: mix(a.box.score, b.box.score),
  };
  const flagsOfPresent = keypointFlags.map((f, k) => (keypoints[k][2] > 0 ? f | KEYPOINT_FLAG.filled : f));
  return { keypoints, box, score: mix(a.score, b.score), trackId: series.trackId, keypointFlags: flagsOfPresent };
}
