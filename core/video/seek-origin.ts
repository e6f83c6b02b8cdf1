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
