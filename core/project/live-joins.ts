import type { TrackJoin, TrackingResult } from '../types';

/**
 * The joins still in force: the track has a pose on both sides of the gap (at endFrame and at
 * startFrame). An edit that took either side away (a delete, a split inside the gap, a swap)
 * leaves the join out.
 */
export function liveJoins(result: TrackingResult): TrackJoin[] {
  const joins = result.joins ?? [];
  if (joins.length === 0) return [];
  const idsAt = new Map(result.frames.map((f) => [f.frameIndex, f.poses.map((p) => p.trackId)]));
  return joins.filter((j) => idsAt.get(j.endFrame)?.includes(j.trackId) && idsAt.get(j.startFrame)?.includes(j.trackId));
}
