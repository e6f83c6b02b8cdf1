import type { FramePoses, TrackedPose, TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';

/**
 * Pure edits on a TrackingResult's identities. Each returns a new result and never mutates its
 * input (poses are re-created only where their id changes), so undo can keep old states around.
 */

export function trackIdsOf(result: TrackingResult): number[] {
  const ids = new Set<number>();
  for (const frame of result.frames) for (const pose of frame.poses) ids.add(pose.trackId);
  return [...ids].sort((a, b) => a - b);
}

export function missingTrackError(trackId: number): ApiError {
  return new ApiError(ERROR_CODES.notFound, `Track ${trackId} does not exist in this result.`);
}

export function assertTrackExists(result: TrackingResult, trackId: number): void {
  for (const frame of result.frames) if (frame.poses.some((pose) => pose.trackId === trackId)) return;
  throw missingTrackError(trackId);
}

export function splitRangeError(trackId: number, frameIndex: number, first: number, last: number): ApiError {
  return new ApiError(
    ERROR_CODES.invalidArgument,
    `Cannot split track ${trackId} at frame ${frameIndex}: it spans frames ${first}–${last}, so the split frame must be in ${first + 1}–${last}.`,
  );
}

function mapFrames(result: TrackingResult, map: (frame: FramePoses) => TrackedPose[]): TrackingResult {
  const frames = result.frames.map((frame) => {
    const poses = map(frame);
    return poses === frame.poses ? frame : { ...frame, poses };
  });
  return { ...result, frames };
}

function withId(pose: TrackedPose, trackId: number): TrackedPose {
  return { ...pose, trackId };
}

export function deleteTrack(result: TrackingResult, trackId: number): TrackingResult {
  assertTrackExists(result, trackId);
  return mapFrames(result, (frame) =>
    frame.poses.some((pose) => pose.trackId === trackId)
      ? frame.poses.filter((pose) => pose.trackId !== trackId)
      : frame.poses,
  );
}

/** Poses of `trackId` from `frameIndex` on move to `newTrackId`. */
export function splitTrack(
  result: TrackingResult,
  trackId: number,
  frameIndex: number,
  newTrackId: number,
): TrackingResult {
  const frames = result.frames.filter((frame) => frame.poses.some((pose) => pose.trackId === trackId));
  if (frames.length === 0) throw new ApiError(ERROR_CODES.notFound, `Track ${trackId} does not exist in this result.`);
  const first = frames[0].frameIndex;
  const last = frames[frames.length - 1].frameIndex;
  if (frameIndex <= first || frameIndex > last) throw splitRangeError(trackId, frameIndex, first, last);
  return mapFrames(result, (frame) =>
    frame.frameIndex < frameIndex || !frame.poses.some((pose) => pose.trackId === trackId)
      ? frame.poses
      : frame.poses.map((pose) => (pose.trackId === trackId ? withId(pose, newTrackId) : pose)),
  );
}

/** Exchanges the identities of two tracks from `frameIndex` on: the fix for an ID switch. */
export function swapTracks(
  result: TrackingResult,
  trackIdA: number,
  trackIdB: number,
  frameIndex: number,
): TrackingResult {
  if (trackIdA === trackIdB)
    throw new ApiError(ERROR_CODES.invalidArgument, `Cannot swap track ${trackIdA} with itself.`);
  assertTrackExists(result, trackIdA);
  assertTrackExists(result, trackIdB);
  return mapFrames(result, (frame) => {
    if (frame.frameIndex < frameIndex) return frame.poses;
    if (!frame.poses.some((pose) => pose.trackId === trackIdA || pose.trackId === trackIdB)) return frame.poses;
    return frame.poses.map((pose) => {
      if (pose.trackId === trackIdA) return withId(pose, trackIdB);
      if (pose.trackId === trackIdB) return withId(pose, trackIdA);
      return pose;
    });
  });
}
