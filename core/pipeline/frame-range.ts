import type { ReadFramesOptions } from '../video';

/** The frames a run visits: [startFrame, endFrame) every `stride` frames. */
export interface ResolvedFrameRange {
  startFrame: number;
  endFrame: number;
  stride: number;
  /** How many frames are visited. */
  count: number;
}

/**
 * Clamps a requested range to the video's frame count. A start at or past the end is an error
 * naming the video, since the run would produce nothing.
 */
export function resolveFrameRange(
  frameCount: number,
  request: { startFrame: number; endFrame?: number; stride: number },
  videoPath: string,
): ResolvedFrameRange {
  const endFrame = Math.min(request.endFrame ?? frameCount, frameCount);
  if (request.startFrame >= endFrame) {
    throw new Error(`Start frame ${request.startFrame} is past the end of ${videoPath} (${frameCount} frames).`);
  }
  const count = Math.ceil((endFrame - request.startFrame) / request.stride);
  return { startFrame: request.startFrame, endFrame, stride: request.stride, count };
}

/**
 * What a tracking run asks the decoder for: the range's frames at the video's own size, nothing
 * else. The detector resizes each frame itself, bilinearly as its training did; a decoder-made
 * smaller copy (ffmpeg's scalers average over the source when shrinking) would change what it sees.
 */
export function runReadOptions(
  range: ResolvedFrameRange,
): Pick<ReadFramesOptions, 'startFrame' | 'endFrame' | 'stride'> {
  return { startFrame: range.startFrame, endFrame: range.endFrame, stride: range.stride };
}
