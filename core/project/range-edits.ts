import type { FramePoses, TrackedPose, TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { assertTrackExists } from './edits';

/**
 * Identity edits over a span of frames, and the overlap rules that keep merges lossless. Pure:
 * each returns a new result and never mutates its input. Frame spans are inclusive.
 */

/** What a merge does where both tracks have a pose in the same frame. */
export type MergeOverlap = 'refuse' | 'keep-source' | 'drop-source';

export interface FrameSpan {
  fromFrameIndex: number;
  toFrameIndex: number;
}

function inSpan(frame: FramePoses, span: FrameSpan): boolean {
  return frame.frameIndex >= span.fromFrameIndex && frame.frameIndex <= span.toFrameIndex;
}

function checkSpan(span: FrameSpan): void {
  if (span.toFrameIndex < span.fromFrameIndex) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Frame range ${span.fromFrameIndex}–${span.toFrameIndex} is empty: the end comes before the start.`,
    );
  }
}

function mapSpan(
  result: TrackingResult,
  span: FrameSpan,
  map: (poses: TrackedPose[]) => TrackedPose[],
): TrackingResult {
  return {
    ...result,
    frames: result.frames.map((frame) => (inSpan(frame, span) ? { ...frame, poses: map(frame.poses) } : frame)),
  };
}

const ALL_FRAMES: FrameSpan = { fromFrameIndex: 0, toFrameIndex: Number.MAX_SAFE_INTEGER };

/** Frames (in `span`) where both tracks have a pose: what a merge or reassignment would have to drop. */
export function overlapFrames(
  result: TrackingResult,
  trackIdA: number,
  trackIdB: number,
  span: FrameSpan = ALL_FRAMES,
): number[] {
  return result.frames
    .filter(
      (f) =>
        inSpan(f, span) && f.poses.some((p) => p.trackId === trackIdA) && f.poses.some((p) => p.trackId === trackIdB),
    )
    .map((f) => f.frameIndex);
}

function refuseOverlap(what: string, frames: number[]): never {
  throw new ApiError(
    ERROR_CODES.failedPrecondition,
    `${what} would drop ${frames.length} pose${frames.length === 1 ? '' : 's'}: both tracks are present in ${frames.length} frame${frames.length === 1 ? '' : 's'} (first ${frames[0]}). Merge only the frames where one is absent, or ask explicitly to drop the source's poses.`,
  );
}

/**
 * Moves `sourceId`'s poses into `targetId`. Where both are present: 'refuse' (the default) throws
 * saying how many frames overlap; 'keep-source' leaves those poses on the source track (only the
 * frames where the target is absent move); 'drop-source' keeps the target's pose and drops the
 * source's, which the caller must ask for by name.
 */
export function mergeTracksLossless(
  result: TrackingResult,
  targetId: number,
  sourceId: number,
  overlap: MergeOverlap = 'refuse',
): TrackingResult {
  if (targetId === sourceId)
    throw new ApiError(ERROR_CODES.invalidArgument, `Cannot merge track ${targetId} into itself.`);
  assertTrackExists(result, targetId);
  assertTrackExists(result, sourceId);
  const shared = overlapFrames(result, targetId, sourceId);
  if (shared.length > 0 && overlap === 'refuse')
    refuseOverlap(`Merging track ${sourceId} into track ${targetId}`, shared);
  return mapSpan(result, ALL_FRAMES, (poses) => {
    if (!poses.some((p) => p.trackId === sourceId)) return poses;
    if (!poses.some((p) => p.trackId === targetId))
      return poses.map((p) => (p.trackId === sourceId ? { ...p, trackId: targetId } : p));
    return overlap === 'drop-source' ? poses.filter((p) => p.trackId !== sourceId) : poses;
  });
}

/** Exchanges two identities on the frames of `span` only (an ID switch that later switched back). */
export function swapTracksInSpan(
  result: TrackingResult,
  trackIdA: number,
  trackIdB: number,
  span: FrameSpan,
): TrackingResult {
  if (trackIdA === trackIdB)
    throw new ApiError(ERROR_CODES.invalidArgument, `Cannot swap track ${trackIdA} with itself.`);
  checkSpan(span);
  assertTrackExists(result, trackIdA);
  assertTrackExists(result, trackIdB);
  return mapSpan(result, span, (poses) =>
    poses.map((p) =>
      p.trackId === trackIdA ? { ...p, trackId: trackIdB } : p.trackId === trackIdB ? { ...p, trackId: trackIdA } : p,
    ),
  );
}

/** Deletes one track's poses on the frames of `span` (asked for by name: the user selected them). */
export function deleteTrackInSpan(result: TrackingResult, trackId: number, span: FrameSpan): TrackingResult {
  checkSpan(span);
  assertTrackExists(result, trackId);
  return mapSpan(result, span, (poses) => poses.filter((p) => p.trackId !== trackId));
}

/**
 * Gives one track's poses on `span` to `targetId` (an existing track, or a new id). Refuses when
 * the target already has a pose in any of those frames, naming how many: nothing is dropped.
 */
export function reassignTrackInSpan(
  result: TrackingResult,
  trackId: number,
  targetId: number,
  span: FrameSpan,
): TrackingResult {
  checkSpan(span);
  assertTrackExists(result, trackId);
  if (trackId === targetId)
    throw new ApiError(ERROR_CODES.invalidArgument, `Track ${trackId} already owns those poses.`);
  const shared = overlapFrames(result, trackId, targetId, span);
  if (shared.length > 0)
    refuseOverlap(
      `Giving track ${trackId}'s frames ${span.fromFrameIndex}–${span.toFrameIndex} to track ${targetId}`,
      shared,
    );
  return mapSpan(result, span, (poses) => poses.map((p) => (p.trackId === trackId ? { ...p, trackId: targetId } : p)));
}

/**
 * In one frame, gives `fromTrackId`'s pose to `toTrackId`. When `toTrackId` already has a pose
 * there, the two exchange identities in that frame, so neither pose is lost.
 */
export function givePose(
  result: TrackingResult,
  frameIndex: number,
  fromTrackId: number,
  toTrackId: number,
): TrackingResult {
  if (fromTrackId === toTrackId)
    throw new ApiError(ERROR_CODES.invalidArgument, `The pose already belongs to track ${toTrackId}.`);
  const frame = result.frames.find((f) => f.frameIndex === frameIndex);
  if (!frame?.poses.some((p) => p.trackId === fromTrackId)) {
    throw new ApiError(ERROR_CODES.notFound, `Track ${fromTrackId} has no pose in frame ${frameIndex}.`);
  }
  const exchange = (p: TrackedPose): TrackedPose =>
    p.trackId === fromTrackId
      ? { ...p, trackId: toTrackId }
      : p.trackId === toTrackId
        ? { ...p, trackId: fromTrackId }
        : p;
  return { ...result, frames: result.frames.map((f) => (f === frame ? { ...f, poses: f.poses.map(exchange) } : f)) };
}
