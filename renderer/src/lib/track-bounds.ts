import type { TrackSummary } from './track-summary';

/**
 * The nearest frame after (direction 1) or before (-1) `frameIndex` where some track starts or
 * ends, or null when there is none: stepping through these finds short, spurious tracks fast.
 */
export function nextTrackBoundary(
  summaries: readonly TrackSummary[],
  frameIndex: number,
  direction: 1 | -1,
): number | null {
  let best: number | null = null;
  for (const s of summaries) {
    for (const f of [s.firstFrame, s.lastFrame]) {
      if (direction === 1 ? f <= frameIndex : f >= frameIndex) continue;
      if (best === null || (direction === 1 ? f < best : f > best)) best = f;
    }
  }
  return best;
}
