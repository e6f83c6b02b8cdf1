import type { Command } from 'commander';
import { CliError, EXIT_USAGE } from '../cli-error';
import { probeVideo, isVideoError } from '../../../core/video';
import type { VideoInfo } from '../../../core/types';

interface ProbeCommandOptions {
  fps?: number;
  frameTimes?: boolean;
  frameFiles?: boolean;
}

function parseFps(text: string): number {
  const fps = Number(text);
  if (!(Number.isFinite(fps) && fps > 0))
    throw new CliError(
      `Invalid --fps ${JSON.stringify(text)}: give a positive number such as 25 or 29.97.`,
      EXIT_USAGE,
    );
  return fps;
}

/** VideoInfo as printed: the per-frame arrays (thousands of entries) only when asked for. */
export function probeOutput(info: VideoInfo, options: ProbeCommandOptions): Record<string, unknown> {
  const { frameTimesMs, frameFiles, ...summary } = info;
  return {
    ...summary,
    ...(options.frameTimes ? { frameTimesMs } : {}),
    ...(options.frameFiles && frameFiles ? { frameFiles } : {}),
  };
}

export function register(program: Command): void {
  program
    .command('probe')
    .description(
      'Describe a video, image folder or frame pattern (e.g. "frames/%06d.jpg") as JSON: size, fps, exact frame count, duration, codec, rotation.',
    )
    .argument('<input>', 'video file, folder of JPEG/PNG frames, printf frame pattern, or single image')
    .option('--fps <number>', 'frame rate of image sequences (default 25; video files carry their own)', parseFps)
    .option('--frame-times', 'include the presentation time of every frame (frameTimesMs)')
    .option('--frame-files', 'include the frame file list of image sequences (frameFiles)')
    .action(async (input: string, options: ProbeCommandOptions) => {
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const info = await probeVideo(input, { fps: options.fps, signal: controller.signal });
        process.stdout.write(`${JSON.stringify(probeOutput(info, options), null, 2)}\n`);
      } catch (error) {
        if (isVideoError(error)) throw new CliError(error.message, error.code === 'INVALID_ARGUMENT' ? 2 : 1);
        throw error;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
