import type { Box, ExecutionDevice, Pose, VideoInfo } from '../types';
import { followPerson, type FollowResult } from '../pipeline/follow-person';
import { createPoseEstimator } from '../pose/estimator';
import { readFrames } from '../video';

/**
 * Runs the result's pose model on a box a reviewer drew around a missed person, and follows them
 * by box propagation. Loaded on first use (it pulls in ONNX Runtime and the decoder).
 */
export interface FindPersonRequest {
  /** The pose model the result was tracked with (result.models.pose). */
  poseModel: string;
  device: ExecutionDevice;
  frameIndex: number;
  box: Omit<Box, 'score'>;
  followFrames: number;
  minKeypointScore: number;
  posesIn(frameIndex: number): { others: readonly Pose[]; trackPresent: boolean };
  onWarning?(message: string): void;
}

export async function findPerson(info: VideoInfo, request: FindPersonRequest): Promise<FollowResult> {
  const estimator = await createPoseEstimator({
    model: request.poseModel,
    device: request.device,
    onWarning: request.onWarning,
  });
  const abort = new AbortController();
  try {
    const endFrame = Math.min(info.frameCount, request.frameIndex + request.followFrames + 1);
    return await followPerson({
      frames: readFrames(info, { startFrame: request.frameIndex, endFrame, signal: abort.signal }),
      box: request.box,
      followFrames: request.followFrames,
      poseModel: estimator,
      minKeypointScore: request.minKeypointScore,
      sigmas: estimator.schema.sigmas,
      posesIn: request.posesIn,
    });
  } finally {
    abort.abort();
    await estimator.dispose();
  }
}
