/**
 * Validates readFrames options against a VideoInfo and resolves them into a plan: which frames,
 * at what size. Pure, so every rule is unit-tested without ffmpeg.
 */
import type { VideoInfo } from '../types';
import { VideoError } from './errors';

export interface ReadFramesOptions {
  /** First frame index to deliver (default 0). */
  startFrame?: number;
  /** Frame index to stop before (exclusive; default the frame count). */
  endFrame?: number;
  /** Deliver every Nth frame from startFrame (default 1: every frame). */
  stride?: number;
  /** Output size in pixels; the decoded (rotated) frame is resized to it. */
  scale?: { width: number; height: number };
  signal?: AbortSignal;
}

export interface ReadPlan {
  startFrame: number;
  endFrame: number;
  stride: number;
  /** Number of frames that will be delivered. */
  count: number;
  width: number;
  height: number;
  /** True when the output size differs from the video's display size. */
  scaled: boolean;
}

/** Largest output side accepted; larger values are typos, not video sizes. */
export const MAX_OUTPUT_SIDE_PX = 16384;

function isCount(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

export function planRead(info: Pick<VideoInfo, 'path' | 'frameCount' | 'width' | 'height'>, options: ReadFramesOptions): ReadPlan {
  const { path, frameCount } = info;
  const startFrame = options.startFrame ?? 0;
  const endFrame = options.endFrame ?? frameCount;
  const stride = options.stride ?? 1;
  const invalid = (message: string) => new VideoError('INVALID_ARGUMENT', path, `${message} (${path} has ${frameCount} frames).`);
  if (!isCount(startFrame, 0, frameCount)) throw invalid(`startFrame ${startFrame} must be an integer in 0..${frameCount}`);
  if (!isCount(endFrame, startFrame, frameCount)) throw invalid(`endFrame ${endFrame} must be an integer in ${startFrame}..${frameCount}`);
  if (!isCount(stride, 1, Number.MAX_SAFE_INTEGER)) throw invalid(`stride ${stride} must be a positive integer`);
  const width = options.scale?.width ?? info.width;
  const height = options.scale?.height ?? info.height;
  if (!isCount(width, 1, MAX_OUTPUT_SIDE_PX) || !isCount(height, 1, MAX_OUTPUT_SIDE_PX)) {
    throw invalid(`scale ${width}x${height} must be integers in 1..${MAX_OUTPUT_SIDE_PX}`);
  }
  return {
    startFrame,
    endFrame,
    stride,
    count: Math.ceil((endFrame - startFrame) / stride),
    width,
    height,
    scaled: width !== info.width || height !== info.height,
  };
}

/** Index of the k-th delivered frame. */
export function plannedFrameIndex(plan: ReadPlan, k: number): number {
  return plan.startFrame + k * plan.stride;
}
