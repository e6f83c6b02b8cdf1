/**
 * Video writer for overlay videos: packed RGB frames in, H.264 (libx264, yuv420p) MP4 out. The
 * file appears at `outPath` only when finish() succeeds: ffmpeg writes a temp file beside it that
 * is renamed at the end, and removed on abort or failure.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Rational } from '../types';
import { assertWritableDir, tempPathFor } from '../util/fs';
import { VideoError, cancelledError } from './errors';
import { spawnTool, stderrSummary, type ToolProcess } from './ffmpeg';
import { looksUnsupported } from './probe-errors';
import { looksLikeFullDisk, verifyWrittenVideo } from './verify-output';
import { MAX_OUTPUT_SIDE_PX } from './read-plan';

export interface VideoWriterOptions {
  width: number;
  height: number;
  fps: Rational;
  signal?: AbortSignal;
}

export interface VideoWriter {
  readonly path: string;
  readonly framesWritten: number;
  /** Appends one frame of `width*height*3` bytes; resolves when ffmpeg can take the next one. */
  write(rgb: Uint8Array): Promise<void>;
  /** Finishes encoding and moves the file into place. */
  finish(): Promise<void>;
  /** Stops encoding and removes the partial output. Safe to call more than once. */
  abort(): Promise<void>;
}

/** x264 quality: visually lossless for overlays, still a fraction of the source size. */
export const OVERLAY_CRF = 18;
export const OVERLAY_PRESET = 'veryfast';
export const VIDEO_OUTPUT_EXTENSIONS = ['.mp4'] as const;
/** Comment tag of every overlay video, so an export can tell its own earlier output from other files. */
export const OVERLAY_VIDEO_COMMENT = 'Posetrail overlay video';

export function encodeArgs(tempPath: string, options: Pick<VideoWriterOptions, 'width' | 'height' | 'fps'>): string[] {
  const { width, height, fps } = options;
  // yuv420p needs even sides; pad with one black row/column instead of scaling, so overlay
  // pixels keep their exact coordinates.
  const pad = width % 2 || height % 2 ? ['-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2'] : [];
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-video_size',
    `${width}x${height}`,
    '-framerate',
    `${fps.num}/${fps.den}`,
    '-i',
    'pipe:0',
    ...pad,
    '-c:v',
    'libx264',
    '-preset',
    OVERLAY_PRESET,
    '-crf',
    String(OVERLAY_CRF),
    '-pix_fmt',
    'yuv420p',
    '-metadata',
    `comment=${OVERLAY_VIDEO_COMMENT}`,
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    tempPath,
  ];
}

function checkOptions(outPath: string, options: VideoWriterOptions): void {
  const { width, height, fps } = options;
  const side = (value: number) => Number.isInteger(value) && value >= 1 && value <= MAX_OUTPUT_SIDE_PX;
  if (!side(width) || !side(height))
    throw new VideoError(
      'INVALID_ARGUMENT',
      outPath,
      `Invalid video size ${width}x${height} for ${outPath}: sides must be integers in 1..${MAX_OUTPUT_SIDE_PX}.`,
    );
  if (!(Number.isInteger(fps?.num) && Number.isInteger(fps?.den) && fps.num > 0 && fps.den > 0)) {
    throw new VideoError(
      'INVALID_ARGUMENT',
      outPath,
      `Invalid frame rate ${JSON.stringify(fps)} for ${outPath}: expected positive integers such as {num: 30000, den: 1001}.`,
    );
  }
  if (!(VIDEO_OUTPUT_EXTENSIONS as readonly string[]).includes(path.extname(outPath).toLowerCase())) {
    throw new VideoError(
      'INVALID_ARGUMENT',
      outPath,
      `Cannot write ${outPath}: videos are written as H.264 MP4, so the name must end in .mp4.`,
    );
  }
}

/** Checks the target is not a folder and its folder is writable. */
export async function prepareOutput(outPath: string): Promise<void> {
  const stats = await fs.lstat(outPath).catch(() => undefined);
  if (stats?.isDirectory()) throw new VideoError('IS_DIRECTORY', outPath, `Cannot write ${outPath}: it is a folder.`);
  // The video is renamed over the target; a FIFO or device there is nothing to replace.
  if (stats && !stats.isFile() && !stats.isSymbolicLink())
    throw new VideoError('INVALID_ARGUMENT', outPath, `Cannot write ${outPath}: it is not a regular file.`);
  try {
    await assertWritableDir(path.dirname(outPath));
  } catch (error) {
    throw new VideoError('WRITE_FAILED', outPath, `Cannot write ${outPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function encodeFailure(outPath: string, proc: ToolProcess): VideoError {
  const toolOutput = stderrSummary(proc.stderr()) || undefined;
  if (looksUnsupported(proc.stderr()) || /Unknown encoder/i.test(proc.stderr())) {
    return new VideoError(
      'UNSUPPORTED_CODEC',
      outPath,
      `Cannot write ${outPath}: this ffmpeg has no H.264 (libx264) encoder.`,
      { toolOutput },
    );
  }
  return new VideoError(
    'WRITE_FAILED',
    outPath,
    `Writing ${outPath} failed: ffmpeg ${toolOutput ? 'stopped with an error' : 'stopped without saying why'}.`,
    { toolOutput },
  );
}

/** Starts an H.264 MP4 encoder for `outPath`. */
export async function createVideoWriter(outPath: string, options: VideoWriterOptions): Promise<VideoWriter> {
  const target = path.resolve(outPath);
  checkOptions(target, options);
  if (options.signal?.aborted) throw cancelledError(target, 'Writing');
  await prepareOutput(target);
  const temp = tempPathFor(target);
  const proc = spawnTool('ffmpeg', encodeArgs(temp, options), {
    subject: target,
    signal: options.signal,
    stdin: 'pipe',
  });
  const stdin = proc.stdin!;
  // A write after ffmpeg died fails with EPIPE; the useful cause is in its stderr, reported below.
  stdin.on('error', () => {});
  const frameBytes = options.width * options.height * 3;
  let framesWritten = 0;
  let state: 'open' | 'finishing' | 'done' | 'aborted' = 'open';

  const failure = async (): Promise<VideoError> => {
    await proc.exited.catch(() => {});
    await fs.rm(temp, { force: true });
    state = 'aborted';
    return proc.cancelled ? cancelledError(target, 'Writing') : encodeFailure(target, proc);
  };
  // Cancelling kills ffmpeg (spawnTool does that); the partial file goes with it.
  options.signal?.addEventListener(
    'abort',
    () => {
      if (state === 'done') return;
      state = 'aborted';
      void proc.exited.catch(() => {}).then(() => fs.rm(temp, { force: true }));
    },
    { once: true },
  );
  const exitedEarly = proc.exited.then(
    () => 'exited' as const,
    () => 'exited' as const,
  );

  return {
    path: target,
    get framesWritten() {
      return framesWritten;
    },
    async write(rgb) {
      if (proc.cancelled) throw cancelledError(target, 'Writing');
      if (state !== 'open')
        throw new VideoError(
          'INVALID_ARGUMENT',
          target,
          `Cannot write to ${target}: the writer is already ${state === 'aborted' ? 'aborted' : 'finished'}.`,
        );
      if (rgb.length !== frameBytes) {
        throw new VideoError(
          'INVALID_ARGUMENT',
          target,
          `Frame ${framesWritten} for ${target} has ${rgb.length} bytes; ${options.width}x${options.height} RGB needs ${frameBytes}.`,
        );
      }
      if (proc.cancelled || !stdin.writable) throw await failure();
      const drained = stdin.write(rgb)
        ? Promise.resolve('drained' as const)
        : new Promise<'drained'>((resolve) => stdin.once('drain', () => resolve('drained')));
      if ((await Promise.race([drained, exitedEarly])) === 'exited') throw await failure();
      framesWritten += 1;
    },
    async finish() {
      if (proc.cancelled) throw cancelledError(target, 'Writing');
      if (state !== 'open')
        throw new VideoError(
          'INVALID_ARGUMENT',
          target,
          `Cannot finish ${target}: the writer is already ${state === 'aborted' ? 'aborted' : 'finished'}.`,
        );
      state = 'finishing';
      if (framesWritten === 0) {
        await proc.stop();
        await fs.rm(temp, { force: true });
        state = 'aborted';
        throw new VideoError('INVALID_ARGUMENT', target, `Cannot finish ${target}: no frames were written.`);
      }
      stdin.end();
      const exit = await proc.exited.catch(() => ({ code: -1, signal: null }));
      if (exit.code !== 0) {
        const fullDisk = !proc.cancelled && (await looksLikeFullDisk(path.dirname(temp), proc.stderr()));
        const error = await failure();
        throw fullDisk
          ? new VideoError(
              'DISK_FULL',
              target,
              `Cannot write ${target}: the disk is full; the unfinished video was deleted.`,
            )
          : error;
      }
      try {
        // ffmpeg may exit 0 with a file it could not finish: open it before it replaces anything.
        await verifyWrittenVideo(temp, target, framesWritten, proc.stderr());
        await fs.rename(temp, target);
      } catch (error) {
        await fs.rm(temp, { force: true });
        state = 'aborted';
        if (error instanceof VideoError) throw error;
        throw new VideoError(
          'WRITE_FAILED',
          target,
          `Cannot move the finished video into place at ${target} (${(error as NodeJS.ErrnoException).code ?? error}).`,
          { cause: error },
        );
      }
      state = 'done';
    },
    async abort() {
      if (state === 'done' || state === 'aborted') return;
      state = 'aborted';
      await proc.stop().catch(() => {});
      await fs.rm(temp, { force: true });
    },
  };
}
