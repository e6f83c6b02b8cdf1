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
  return joins.filter(
    (j) => idsAt.get(j.endFrame)?.includes(j.trackId) && idsAt.get(j.startFrame)?.includes(j.trackId),
  );
}

/**
 * Which piece each pose of a joined identity came from: `pieceOf(trackId, frameIndex)` is the id
 * the tracker gave the piece holding that frame (the identity's own id before its first join, the
 * join's `pieceId` from that join's startFrame on), or undefined for a track with no live join.
 */
export function pieceLookup(result: TrackingResult): (trackId: number, frameIndex: number) => number | undefined {
  const joinsOf = new Map<number, TrackJoin[]>();
  for (const join of liveJoins(result)) joinsOf.set(join.trackId, [...(joinsOf.get(join.trackId) ?? []), join]);
  for (const joins of joinsOf.values()) joins.sort((a, b) => a.startFrame - b.startFrame);
  return (trackId, frameIndex) => {
    const joins = joinsOf.get(trackId);
    if (!joins) return undefined;
    let piece = trackId;
    for (const join of joins) if (join.startFrame <= frameIndex) piece = join.pieceId;
    return piece;
  };
}
