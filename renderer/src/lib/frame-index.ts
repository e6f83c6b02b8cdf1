import { FRAME_TIME_TOLERANCE_MS } from './constants';

/**
 * Index of the frame on screen at media time `timeMs`: the last frame whose presentation time is
 * at or before it. Binary search on the probed timestamp table, so variable frame rates are exact
 * (`currentTime × fps` drifts on them and rounds the wrong way at frame boundaries).
 */
export function frameIndexAtTime(frameTimesMs: readonly number[], timeMs: number): number {
  if (frameTimesMs.length === 0) return 0;
  const t = timeMs + FRAME_TIME_TOLERANCE_MS;
  let lo = 0;
  let hi = frameTimesMs.length - 1;
  if (t < frameTimesMs[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frameTimesMs[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Duration of frame `index` in ms (the last frame reuses the previous interval). */
export function frameDurationMs(frameTimesMs: readonly number[], index: number): number {
  const n = frameTimesMs.length;
  if (n < 2) return 1000 / 30;
  const i = Math.min(Math.max(index, 0), n - 1);
  return i < n - 1 ? frameTimesMs[i + 1] - frameTimesMs[i] : frameTimesMs[n - 1] - frameTimesMs[n - 2];
}

/**
 * Media time to seek to for showing frame `index`: the middle of the frame, so decoder rounding
 * cannot land on the neighbour.
 */
export function seekTimeMsForFrame(frameTimesMs: readonly number[], index: number): number {
  if (frameTimesMs.length === 0) return 0;
  const i = Math.min(Math.max(index, 0), frameTimesMs.length - 1);
  return frameTimesMs[i] + frameDurationMs(frameTimesMs, i) / 2;
}
