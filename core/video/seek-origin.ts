/**
 * Where frame 0 sits on ffmpeg's input-seek clock. `-ss` before `-i` counts from the container's
 * start time, while our frame times count from the first video frame; the difference (an audio
 * track that starts earlier, an MPEG-TS clock that starts at 1.4 s) is needed to seek exactly.
 *
 * probe fills this cache; a VideoInfo that crossed a process boundary (IPC, JSON) and arrives
 * without a cache entry is probed again once.
 */
import type { VideoInfo } from '../types';

export interface SeekOrigin {
  /** Presentation time of the first decoded video frame, seconds of stream time. */
  firstFrameSec: number;
  /** The container's start time, which `-ss` is relative to. */
  containerStartSec: number;
  /**
   * The container has a frame index, so ffmpeg's seek lands on a keyframe at or before the time
   * (MP4/MOV, Matroska/WebM, AVI). Without one (MPEG-TS/PS, raw streams) a seek lands on a byte
   * position that may be past the keyframe, and frames until the next keyframe are lost; those
   * files are decoded from the start instead.
   */
  indexed: boolean;
}

const INDEXED_FORMATS = ['mov', 'mp4', 'matroska', 'webm', 'avi'];

/** True for ffprobe format names (e.g. "mov,mp4,m4a,3gp,3g2,mj2") of containers with a frame index. */
export function isIndexedFormat(formatName: string | undefined): boolean {
  return (formatName ?? '').split(',').some((name) => INDEXED_FORMATS.includes(name));
}

/** Enough for every video open in a session; older entries are simply probed again. */
const MAX_ENTRIES = 256;
const cache = new Map<string, SeekOrigin>();

function keyOf(file: string, frameCount: number): string {
  return `${frameCount}:${file}`;
}

export function rememberSeekOrigin(file: string, frameCount: number, origin: SeekOrigin): void {
  const key = keyOf(file, frameCount);
  cache.delete(key);
  cache.set(key, origin);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

export function cachedSeekOrigin(info: Pick<VideoInfo, 'path' | 'frameCount'>): SeekOrigin | undefined {
  return cache.get(keyOf(info.path, info.frameCount));
}

/** Value for ffmpeg's input `-ss`, in seconds, that lands on `frameTimeMs` of the first video frame's clock. */
export function inputSeekSeconds(origin: SeekOrigin, frameTimeMs: number): number {
  return origin.firstFrameSec - origin.containerStartSec + frameTimeMs / 1000;
}

/** Frames closer together than this are not told apart by a seek time (ffmpeg rounds to µs and ticks). */
export const MIN_SEEK_GAP_MS = 1;

export interface SeekTarget {
  /** Time to seek to, on the frame-time clock: half-way between `seekFrame` and the frame before. */
  seekTimeMs: number;
  /** Frames to drop after the seek to arrive at the wanted frame (frames packed closer than 1 ms). */
  skipFrames: number;
}

/**
 * Where to seek for `startFrame`. Aiming half a frame early makes ffmpeg (which seeks to the
 * keyframe before, decodes forward and drops frames before the time) start exactly at the frame,
 * whatever rounding happens on the way. When the frame sits within 1 ms of the one before (a
 * timestamp glitch), we seek to the first frame of that cluster and skip forward by count.
 */
export function seekTarget(frameTimesMs: number[], startFrame: number): SeekTarget {
  let seekFrame = startFrame;
  while (seekFrame > 0 && frameTimesMs[seekFrame] - frameTimesMs[seekFrame - 1] < MIN_SEEK_GAP_MS) seekFrame -= 1;
  if (seekFrame === 0) return { seekTimeMs: 0, skipFrames: startFrame };
  const time = frameTimesMs[seekFrame];
  return { seekTimeMs: time - (time - frameTimesMs[seekFrame - 1]) / 2, skipFrames: startFrame - seekFrame };
}
