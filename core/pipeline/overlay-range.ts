/**
 * The frames an overlay covers: from the first to the last tracked frame, at the run's stride
 * when the tracked frames are evenly spaced, so the overlay has exactly one frame per tracked
 * frame and plays at the matching rate.
 */
export function overlayFrameRange(frameIndices: readonly number[]): {
  startFrame: number;
  endFrame: number;
  stride: number;
} {
  if (frameIndices.length === 0) throw new Error('Nothing to draw: the tracking result has no frames.');
  const startFrame = frameIndices[0];
  const endFrame = frameIndices[frameIndices.length - 1] + 1;
  const step = frameIndices.length > 1 ? frameIndices[1] - frameIndices[0] : 1;
  const even = frameIndices.every((index, i) => i === 0 || index - frameIndices[i - 1] === step);
  return { startFrame, endFrame, stride: even && step > 0 ? step : 1 };
}
