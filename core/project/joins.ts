import type { TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { splitTrack, trackIdsOf } from './edits';
import { liveJoins } from '../export/pieces';

/** The stitching joins of a result as edits change it (pure). */

/** Joins of `fromId` whose later piece starts at or after `fromFrame` now belong to `toId`. */
export function moveJoins(result: TrackingResult, fromId: number, toId: number, fromFrame = 0): TrackingResult {
  if (!result.joins?.some((j) => j.trackId === fromId && j.startFrame >= fromFrame)) return result;
  return {
    ...result,
    joins: result.joins.map((j) => (j.trackId === fromId && j.startFrame >= fromFrame ? { ...j, trackId: toId } : j)),
  };
}

/**
 * Undoes the join of `trackId` whose later piece starts at `startFrame`: that piece and
 * everything after it go back to the piece's own id (or, when that id is taken now, to
 * `fallbackId`). Returns the new result and the id the piece got.
 */
export function unjoin(
  result: TrackingResult,
  trackId: number,
  startFrame: number,
  fallbackId: number,
): { result: TrackingResult; pieceId: number } {
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
