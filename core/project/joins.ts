import type { TrackJoin, TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { splitTrack, trackIdsOf } from './edits';

/**
 * The stitching joins of a result as edits change it. Pure; the renderer uses liveJoins too.
 */

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

/** Joins of `fromId` whose later piece starts at or after `fromFrame` now belong to `toId`. */
export function moveJoins(result: TrackingResult, fromId: number, toId: number, fromFrame = 0): TrackingResult {
  if (!result.joins?.some((j) => j.trackId === fromId && j.startFrame >= fromFrame)) return result;
  return { ...result, joins: result.joins.map((j) => (j.trackId === fromId && j.startFrame >= fromFrame ? { ...j, trackId: toId } : j)) };
}

/**
 * Undoes the join of `trackId` whose later piece starts at `startFrame`: that piece and
 * everything after it go back to the piece's own id (or, when that id is taken now, to
 * `fallbackId`). Returns the new result and the id the piece got.
 */
export function unjoin(result: TrackingResult, trackId: number, startFrame: number, fallbackId: number): { result: TrackingResult; pieceId: number } {
  const join = liveJoins(result).find((j) => j.trackId === trackId && j.startFrame === startFrame);
  if (!join) throw new ApiError(ERROR_CODES.notFound, `Track ${trackId} has no join at frame ${startFrame} to split.`);
  const pieceId = trackIdsOf(result).includes(join.pieceId) ? fallbackId : join.pieceId;
  const split = moveJoins(splitTrack(result, trackId, startFrame, pieceId), trackId, pieceId, startFrame + 1);
  return { result: { ...split, joins: split.joins!.filter((j) => j !== join) }, pieceId };
}

/** The highest track id the result uses or a join may give back. */
export function highestTrackId(result: TrackingResult): number {
  const ids = trackIdsOf(result);
  return Math.max(ids.length > 0 ? ids[ids.length - 1] : -1, ...(result.joins ?? []).map((j) => j.pieceId));
}
