import type { FramesStore } from './frames.svelte';
import type { PlaybackStore } from './playback.svelte';
import { nextTrackBoundary } from './track-bounds';

/** Seeks to the next/previous track start or end; false when there is none that way. */
export function seekTrackBoundary(
  { frames, playback }: { frames: FramesStore; playback: PlaybackStore },
  direction: 1 | -1,
): boolean {
  const target = nextTrackBoundary(frames.summaries, playback.frameIndex, direction);
  if (target === null) return false;
  playback.pause();
  playback.seekFrame(target);
  return true;
}
