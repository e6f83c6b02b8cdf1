/**
 * probeVideo: one entry point for every kind of input — video files, image folders, printf
 * patterns and single images — checking the path itself first so that the common mistakes
 * (missing, empty, a folder without frames) get their own clear error before ffprobe runs.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { VideoInfo } from '../types';
import { VideoError } from './errors';
import { isFramePattern } from './printf-pattern';
import { probeVideoFile } from './probe-file';
import { isFrameFile } from '../media-extensions';
import { framesOfFolder, framesOfPattern, probeFrameFiles } from './sequence';

export interface ProbeOptions {
  /** Frame rate of image sequences (default 25); ignored for video files, which carry their own. */
  fps?: number;
  signal?: AbortSignal;
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new VideoError('UNREADABLE', file, `${file} cannot be read (${code ?? String(error)}).`, { cause: error });
  }
}

function checkOptions(input: string, options: ProbeOptions): void {
  if (typeof input !== 'string' || input.trim() === '')
    throw new VideoError('INVALID_ARGUMENT', String(input), 'No input path was given.');
  const { fps } = options;
  if (fps !== undefined && !(Number.isFinite(fps) && fps > 0)) {
    throw new VideoError(
      'INVALID_ARGUMENT',
      input,
      `Invalid fps ${fps} for ${input}: it must be a positive number such as 25 or 29.97.`,
    );
  }
}

/** Describes a video file, an image folder, a printf frame pattern or a single image. */
export async function probeVideo(input: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  checkOptions(input, options);
  const file = path.resolve(input);
  const stats = await statOrUndefined(file);
  if (!stats) {
    if (isFramePattern(path.basename(file)))
      return probeFrameFiles(file, await framesOfPattern(file), options.fps, options.signal);
    throw new VideoError('NOT_FOUND', file, `Video file not found: ${file}`);
  }
  if (stats.isDirectory()) return probeFrameFiles(file, await framesOfFolder(file), options.fps, options.signal);
  if (!stats.isFile()) throw new VideoError('NOT_A_VIDEO', file, `${file} is not a regular file.`);
  if (stats.size === 0) throw new VideoError('EMPTY_FILE', file, `${file} is empty (0 bytes).`);
  if (isFrameFile(file)) return probeFrameFiles(file, [file], options.fps, options.signal);
  return probeVideoFile(file, options.signal);
}
