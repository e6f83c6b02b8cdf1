import path from 'node:path';
import type { AddedPose, AddPersonRequest, ProjectState } from '../api/pose-api';
import type { ExecutionDevice, TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { PROPAGATION_MIN_MEAN_KEYPOINT_SCORE } from '../pipeline/constants';
import type { FollowResult } from '../pipeline/follow-person';
import type { ServiceContext } from './service-context';

/**
 * "Add a person the detector missed": the result's pose model runs on the drawn box (and follows
 * the person), and the poses are applied as one addPoses edit, so undo, redo, autosave and
 * exports treat them like every other edit and a replay never runs the model again.
 */

/** Poses already in each frame, and whether the chosen track is among them. */
function posesLookup(result: TrackingResult, trackId: number | undefined) {
  const byFrame = new Map(result.frames.map((frame) => [frame.frameIndex, frame.poses]));
  return (frameIndex: number) => {
    const poses = byFrame.get(frameIndex) ?? [];
    return {
      others: poses.filter((p) => p.trackId !== trackId),
      trackPresent: trackId !== undefined && poses.some((p) => p.trackId === trackId),
    };
  };
}

/** Frames after `frameIndex` that were tracked one after another: following never leaves the result. */
function trackedRun(result: TrackingResult, frameIndex: number, followFrames: number): number {
  const at = result.frames.findIndex((frame) => frame.frameIndex === frameIndex);
  if (at < 0)
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Frame ${frameIndex} was not tracked in this result, so no person can be added there.`,
    );
  let run = 0;
  while (run < followFrames && result.frames[at + run + 1]?.frameIndex === frameIndex + run + 1) run++;
  return run;
}

function toAddedPoses(found: FollowResult): AddedPose[] {
  return found.poses.map(({ frameIndex, pose }) => ({
    frameIndex,
    box: { x: pose.box.x, y: pose.box.y, w: pose.box.w, h: pose.box.h },
    keypoints: pose.keypoints.map(([x, y, score]) => [x, y, score] as [number, number, number]),
    score: Math.min(1, Math.max(0, pose.score)),
  }));
}

export async function addPerson(
  context: ServiceContext,
  videoPath: string,
  request: AddPersonRequest,
): Promise<ProjectState> {
  const manager = await context.projectManager();
  const state = await manager.load(videoPath);
  if (!state)
    throw new ApiError(
      ERROR_CODES.failedPrecondition,
      `${path.basename(videoPath)} has not been tracked yet: run tracking before adding a person.`,
    );
  const { result } = state;
  if (request.trackId !== undefined && !state.tracks.some((t) => t.trackId === request.trackId)) {
    throw new ApiError(
      ERROR_CODES.notFound,
      `Track ${request.trackId} does not exist in this result; leave the track empty to start a new one.`,
    );
  }
  const followFrames = trackedRun(result, request.frameIndex, request.followFrames);
  const settings = await context.settings.get();
  const chosen = settings.track.device === 'auto' ? settings.defaultDevice : settings.track.device;
  // As for runs: 'auto' where no GPU provider works goes straight to the CPU (no fallback noise).
  const usable = await context.devices.catch((): ExecutionDevice[] => ['cpu']);
  const device = chosen === 'auto' && !usable.some((d) => d !== 'cpu') ? 'cpu' : chosen;
  const found = await context.core.findPerson(await context.probe(videoPath), {
    poseModel: result.models.pose,
    device,
    frameIndex: request.frameIndex,
    box: request.box,
    followFrames,
    minKeypointScore: settings.track.minKeypointScore,
    posesIn: posesLookup(result, request.trackId),
    onWarning: context.warn,
  });
  if (found.poses.length === 0) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `The pose model found nobody in that box on frame ${request.frameIndex} (mean keypoint score ${found.firstScore.toFixed(2)}, below ${PROPAGATION_MIN_MEAN_KEYPOINT_SCORE}): draw the box around the whole person.`,
    );
  }
  return manager.edit(videoPath, {
    kind: 'addPoses',
    ...(request.trackId !== undefined && { trackId: request.trackId }),
    poses: toAddedPoses(found),
  });
}
