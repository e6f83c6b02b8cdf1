import type { AddedPose } from '../api/pose-api';
import { KEYPOINT_FLAG, type Keypoint, type TrackedPose, type TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';

/**
 * The addPoses edit: poses of a person the detector missed, computed when the reviewer drew a box
 * (the keypoints travel in the edit, so replaying it never runs a model). Every keypoint is flagged
 * `added`, so exports tell these poses from tracked ones.
 */

function addedPose(pose: AddedPose, trackId: number): TrackedPose {
  const keypoints = pose.keypoints.map(([x, y, score]) => [x, y, score] as Keypoint);
  return {
    trackId,
    keypoints,
    box: { ...pose.box, score: 1 },
    score: pose.score,
    keypointFlags: keypoints.map(() => KEYPOINT_FLAG.added),
  };
}

function checkPoses(result: TrackingResult, poses: readonly AddedPose[], trackId: number): void {
  const seen = new Set<number>();
  const keypointCount = result.frames.find((f) => f.poses.length > 0)?.poses[0].keypoints.length;
  for (const pose of poses) {
    if (seen.has(pose.frameIndex))
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `Frame ${pose.frameIndex} is given two added poses; a track has one pose per frame.`,
      );
    seen.add(pose.frameIndex);
    if (keypointCount !== undefined && pose.keypoints.length !== keypointCount) {
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `The pose added in frame ${pose.frameIndex} has ${pose.keypoints.length} keypoints; this result's poses have ${keypointCount}.`,
      );
    }
  }
  const frames = result.frames.filter((f) => seen.has(f.frameIndex));
  if (frames.length < seen.size) {
    const missing = [...seen].find((index) => !frames.some((f) => f.frameIndex === index));
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Frame ${missing} was not tracked in this result, so no pose can be added there.`,
    );
  }
  const taken = frames.filter((f) => f.poses.some((p) => p.trackId === trackId)).map((f) => f.frameIndex);
  if (taken.length > 0) {
    throw new ApiError(
      ERROR_CODES.failedPrecondition,
      `Track ${trackId} already has a pose in ${taken.length} of these frames (first ${taken[0]}); add the person to another track or remove that pose first.`,
    );
  }
}

/** `poses` added to `trackId`, refused (naming the frame) where that track is already present or the frame was not tracked. */
export function addPoses(result: TrackingResult, trackId: number, poses: readonly AddedPose[]): TrackingResult {
  checkPoses(result, poses, trackId);
  const byFrame = new Map(poses.map((pose) => [pose.frameIndex, pose]));
  const frames = result.frames.map((frame) => {
    const pose = byFrame.get(frame.frameIndex);
    return pose ? { ...frame, poses: [...frame.poses, addedPose(pose, trackId)] } : frame;
  });
  return { ...result, frames };
}
