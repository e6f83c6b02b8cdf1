/**
 * Frame index ↔ time. Both directions read `info.frameTimesMs`, which probe fills for every input,
 * so the mapping is exact for constant and variable frame rates alike and round-trips:
 * `frameIndexAtMs(info, frameTimeMs(info, i)) === i`.
 */
import type { VideoInfo } from '../types';

type Timed = Pick<VideoInfo, 'frameTimesMs' | 'path'>;

/** Presentation time of frame `frameIndex` in ms, the first frame at 0. */
export function frameTimeMs(info: Timed, frameIndex: number): number {
  const count = info.frameTimesMs.length;
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= count) {
    throw new RangeError(`Frame index ${frameIndex} is outside 0..${count - 1} of ${info.path}`);
  }
  return info.frameTimesMs[frameIndex];
}

/**
 * Index of the frame on screen at `timeMs`: the last frame whose time is ≤ timeMs. Times before the
 * first frame give 0 and times after the last give the last frame, as a player would show.
 */
export function frameIndexAtMs(info: Timed, timeMs: number): number {
  const times = info.frameTimesMs;
  if (Number.isNaN(timeMs)) throw new RangeError(`Time NaN is not a valid position in ${info.path}`);
  if (times.length === 0) throw new RangeError(`${info.path} has no frames`);
  let low = 0;
  let high = times.length - 1;
  if (timeMs <= times[0]) return 0;
  // Invariant: times[low] <= timeMs; answer in [low, high].
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (times[mid] <= timeMs) low = mid;
    else high = mid - 1;
  }
  return low;
}

export interface FrameOrTimeSpan {
  startFrame?: number;
  endFrame?: number;
  startTimeMs?: number;
  endTimeMs?: number;
}

/**
 * The frames of a span given by frame indices or times, in frame indices (a time wins over a frame
 * at the same end; an end given neither way stays undefined). A start time picks the frame on
 * screen then; an end time stops before the first frame shown at or after it. Exact for variable
 * frame rates, since it reads the stream's own timestamps.
 */
export function framesOfSpan(info: Timed, span: FrameOrTimeSpan): { startFrame?: number; endFrame?: number } {
  const times = info.frameTimesMs;
  let { startFrame, endFrame } = span;
  if (span.startTimeMs !== undefined) startFrame = times.length ? frameIndexAtMs(info, span.startTimeMs) : 0;
  if (span.endTimeMs !== undefined) {
    const endTimeMs = span.endTimeMs;
    endFrame = times.findIndex((t) => t >= endTimeMs);
    if (endFrame === -1) endFrame = times.length;
  }
  return { startFrame, endFrame };
}
