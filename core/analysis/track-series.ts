import type { TrackingResult, TrackedPose } from '../types';

/**
 * A track laid out over the processed frames it spans: `positions[j]` indexes `result.frames`,
 * `poses[j]` is the track's pose there or undefined where it is missing. Built once per track so
 * filters, plots and problem checks walk arrays instead of searching frames.
 */
export interface TrackSeries {
  trackId: number;
  positions: number[];
  frameIndices: number[];
  timesMs: number[];
  poses: (TrackedPose | undefined)[];
}

export function trackSeries(result: TrackingResult): Map<number, TrackSeries> {
  const spans = new Map<number, { first: number; last: number }>();
  result.frames.forEach((frame, position) => {
    for (const pose of frame.poses) {
      const span = spans.get(pose.trackId);
      if (span) span.last = position;
      else spans.set(pose.trackId, { first: position, last: position });
    }
  });
  const out = new Map<number, TrackSeries>();
  for (const [trackId, { first, last }] of spans) {
    const series: TrackSeries = { trackId, positions: [], frameIndices: [], timesMs: [], poses: [] };
    for (let p = first; p <= last; p++) {
      const frame = result.frames[p];
      series.positions.push(p);
      series.frameIndices.push(frame.frameIndex);
      series.timesMs.push(frame.timestampMs);
      series.poses.push(frame.poses.find((pose) => pose.trackId === trackId));
    }
    out.set(trackId, series);
  }
  return out;
}

/** Runs of consecutive non-null values: [start, endExclusive) pairs. */
export function presentRuns(values: readonly (number | null)[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  values.forEach((v, i) => {
    if (v !== null && start < 0) start = i;
    if (v === null && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) runs.push([start, values.length]);
  return runs;
}
