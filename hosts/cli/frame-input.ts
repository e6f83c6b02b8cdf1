/** Reading a command's input frames, and stopping cleanly on Ctrl-C. */
import type { Frame, VideoInfo } from '../../core/types';
import { isVideoError, probeVideo, readFrames } from '../../core/video';
import { CliError, EXIT_USAGE } from './cli-error';
import type { FrameRange } from './options';

/** Probes the input and yields the selected frames; video errors become one-line CLI errors. */
export async function* framesOf(
  input: string,
  range: FrameRange,
  signal: AbortSignal,
): AsyncGenerator<{ info: VideoInfo; frame: Frame }> {
  let info: VideoInfo;
  try {
    info = await probeVideo(input, { signal });
  } catch (error) {
    if (isVideoError(error)) throw new CliError(error.message, error.code === 'INVALID_ARGUMENT' ? EXIT_USAGE : 1);
    throw error;
  }
  if (range.startFrame !== undefined && range.startFrame >= info.frameCount) {
    throw new CliError(
      `--frames starts at ${range.startFrame} but ${info.path} has ${info.frameCount} frames (0–${info.frameCount - 1}).`,
      EXIT_USAGE,
    );
  }
  const endFrame = range.endFrame === undefined ? undefined : Math.min(range.endFrame, info.frameCount);
  try {
    for await (const frame of readFrames(info, { ...range, endFrame, signal })) yield { info, frame };
  } catch (error) {
    if (isVideoError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Ctrl-C stops the current command cleanly: the frame reader and its ffmpeg process end. */
export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', cancel);
  }
}
