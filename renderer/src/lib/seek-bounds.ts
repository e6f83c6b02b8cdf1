import type { AppStore } from './app.svelte';
import { nextTrackBoundary } from './track-bounds';

/** Seeks to the next/previous track start or end; false when there is none that way. */
export function seekTrackBoundary(app: AppStore, direction: 1 | -1): boolean {
  const target = nextTrackBoundary(app.summaries, app.frameIndex, direction);
  if (target === null) return false;
  app.player?.setPlaying(false);
  app.seekFrame(target);
  return true;
}
