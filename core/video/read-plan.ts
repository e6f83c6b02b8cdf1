/**
 * Validates readFrames options against a VideoInfo and resolves them into a plan: which frames,
 * at what size. Pure, so every rule is unit-tested without ffmpeg.
 */
import type { VideoInfo } from '../types';
import { VideoError } from './errors';
import { framesOfSpan } from './timestamps';
import type { FrameBufferPool } from './frame-pool';

export interface ReadFramesOptions {
  /** First frame index to deliver (default 0). */
  startFrame?: number;
  /** Frame index to stop before (exclusive; default the frame count). */
  endFrame?: number;
  /** Instead of startFrame: start at the frame on screen at this time (ms from the first frame). */
  startTimeMs?: number;
  /** Instead of endFrame: stop before the first frame shown at or after this time (ms). */
  endTimeMs?: number;
  /** Deliver every Nth frame from startFrame (default 1: every frame). */
  stride?: number;
  /** Output size in pixels; the decoded (rotated) frame is resized to it. */
  scale?: { width: number; height: number };
  /**
   * Also deliver each frame area-averaged down to this size (`frame.downscaled`), made by ffmpeg
   * on a second pipe, which costs far less than averaging the full frame in JavaScript. Ignored
   * (no `downscaled`) where it would not be smaller, and on Windows, where ffmpeg gets no extra pipe.
   */
  downscale?: { width: number; height: number };
  signal?: AbortSignal;
  /**
   * Frames' pixel buffers come from this pool instead of a fresh allocation each; the consumer
   * gives each frame's `rgb` back with `pool.give` once done with it.
   */
  bufferPool?: FrameBufferPool;
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
  /** Size of the second, area-averaged copy of each frame, when one is delivered. */
  downscale?: { width: number; height: number };
}

/** Largest output side accepted; larger values are typos, not video sizes. */
export const MAX_OUTPUT_SIDE_PX = 16384;

function isCount(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

type PlannedVideo = Pick<VideoInfo, 'path' | 'frameCount' | 'width' | 'height' | 'frameTimesMs'>;

/**
 * The frame range of `options` in frame indices: frames as given, or times mapped through the
 * video's own timestamp table (exact for variable frame rates). Giving both forms of one end is
 * an error, not a silent preference.
 */
function frameRange(
  info: PlannedVideo,
  options: ReadFramesOptions,
  invalid: (message: string) => VideoError,
): [number, number] {
  const { startTimeMs, endTimeMs } = options;
  if (startTimeMs !== undefined && options.startFrame !== undefined)
    throw invalid('give startFrame or startTimeMs, not both');
  if (endTimeMs !== undefined && options.endFrame !== undefined) throw invalid('give endFrame or endTimeMs, not both');
  for (const [name, value] of [
    ['startTimeMs', startTimeMs],
    ['endTimeMs', endTimeMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw invalid(`${name} ${value} must be a time ≥ 0`);
  }
  const span = framesOfSpan(info, options);
  const startFrame = span.startFrame ?? 0;
  const endFrame = span.endFrame ?? info.frameCount;
  if (endTimeMs !== undefined && endFrame < startFrame)
    throw invalid(
      `endTimeMs ${endTimeMs} is before start frame ${startFrame} (at ${info.frameTimesMs[startFrame]} ms)`,
    );
  return [startFrame, endFrame];
}

export function planRead(info: PlannedVideo, options: ReadFramesOptions): ReadPlan {
  const { path, frameCount } = info;
  const invalid = (message: string) =>
    new VideoError('INVALID_ARGUMENT', path, `${message} (${path} has ${frameCount} frames).`);
  const [startFrame, endFrame] = frameRange(info, options, invalid);
  const stride = options.stride ?? 1;
  if (!isCount(startFrame, 0, frameCount))
    throw invalid(`startFrame ${startFrame} must be an integer in 0..${frameCount}`);
  if (!isCount(endFrame, startFrame, frameCount))
    throw invalid(`endFrame ${endFrame} must be an integer in ${startFrame}..${frameCount}`);
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
    ...plannedDownscale(options.downscale, width, height, invalid),
  };
}

function plannedDownscale(
  size: ReadFramesOptions['downscale'],
  width: number,
  height: number,
  invalid: (message: string) => VideoError,
): Pick<ReadPlan, 'downscale'> {
  if (!size) return {};
  if (!isCount(size.width, 1, MAX_OUTPUT_SIDE_PX) || !isCount(size.height, 1, MAX_OUTPUT_SIDE_PX)) {
    throw invalid(`downscale ${size.width}x${size.height} must be integers in 1..${MAX_OUTPUT_SIDE_PX}`);
  }
  const smaller = size.width <= width && size.height <= height && size.width * size.height < width * height;
  return smaller && process.platform !== 'win32' ? { downscale: { width: size.width, height: size.height } } : {};
}

/** Index of the k-th delivered frame. */
export function plannedFrameIndex(plan: ReadPlan, k: number): number {
  return plan.startFrame + k * plan.stride;
}
