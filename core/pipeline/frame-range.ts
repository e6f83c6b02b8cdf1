/** The frames a run visits: [startFrame, endFrame) every `stride` frames. */
export interface FrameRange {
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
): FrameRange {
  const endFrame = Math.min(request.endFrame ?? frameCount, frameCount);
  if (request.startFrame >= endFrame) {
    throw new Error(`Start frame ${request.startFrame} is past the end of ${videoPath} (${frameCount} frames).`);
  }
  const count = Math.ceil((endFrame - request.startFrame) / request.stride);
  return { startFrame: request.startFrame, endFrame, stride: request.stride, count };
}
