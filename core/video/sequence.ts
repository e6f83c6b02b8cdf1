/**
 * Image sequences as videos: a folder of JPEG/PNG frames (natural order: 2 before 10), a printf
 * pattern such as `frames/%06d.jpg`, or a single image (a one-frame sequence). PoseTrack and MOT
 * datasets come this way. The frame list is fixed at probe time and read back in that order.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { frameFamily, isFrameFile } from '../media-extensions';
import type { Rational, VideoInfo } from '../types';
import { VideoError } from './errors';
import { ffprobeJson } from './ffmpeg';
import { constantFrameTimesMs } from './frame-times';
import { parseFramePattern } from './printf-pattern';
import { classifyProbeFailure } from './probe-errors';
import { rationalFromNumber } from './rational';

/** Frame rate assumed for image sequences when the caller gives none. */
export const DEFAULT_SEQUENCE_FPS = 25;

const naturalCollator = new Intl.Collator('en', { numeric: true });

/** Natural order (frame2 before frame10); ties such as 01 vs 1 fall back to plain order. */
export function naturalCompare(a: string, b: string): number {
  return naturalCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

async function listFiles(dir: string, shownAs: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new VideoError('NOT_FOUND', shownAs, `Folder ${dir} of ${shownAs} does not exist.`);
    throw new VideoError('UNREADABLE', shownAs, `Folder ${dir} cannot be read (${code ?? String(error)}).`);
  }
}

export async function framesOfFolder(dir: string): Promise<string[]> {
  const names = (await listFiles(dir, dir)).filter(isFrameFile).sort(naturalCompare);
  if (names.length === 0) {
    throw new VideoError(
      'IS_DIRECTORY',
      dir,
      `${dir} is a folder with no JPEG or PNG frames in it; give a video file, an image folder or a pattern such as ${path.join(dir, '%06d.jpg')}.`,
    );
  }
  // One decoder reads the whole sequence, so every frame must be the same kind of image.
  const families = new Set(names.map(frameFamily));
  if (families.size > 1)
    throw new VideoError(
      'CORRUPT',
      dir,
      `${dir} mixes JPEG and PNG frames; keep one image format per sequence folder.`,
    );
  return names.map((name) => path.join(dir, name));
}

export async function framesOfPattern(pattern: string): Promise<string[]> {
  let parsed;
  try {
    parsed = parseFramePattern(path.basename(pattern));
  } catch (error) {
    throw new VideoError('INVALID_ARGUMENT', pattern, (error as Error).message);
  }
  const dir = path.dirname(pattern);
  const numbered = (await listFiles(dir, pattern))
    .map((name) => ({ name, frameNumber: parsed.match(name) }))
    .filter((entry): entry is { name: string; frameNumber: number } => entry.frameNumber !== undefined)
    .sort((a, b) => a.frameNumber - b.frameNumber);
  if (numbered.length === 0) throw new VideoError('NO_FRAMES', pattern, `No files match the frame pattern ${pattern}.`);
  return numbered.map((entry) => path.join(dir, entry.name));
}

const imageStreamFields = [
  '-v',
  'error',
  '-select_streams',
  'v:0',
  '-show_entries',
  'stream=codec_name,width,height,pix_fmt',
];

/** Builds the VideoInfo of an image sequence from its frame files, probing the first one. */
export async function probeFrameFiles(
  shownAs: string,
  frameFiles: string[],
  fps: number | undefined,
  signal?: AbortSignal,
): Promise<VideoInfo> {
  const rate: Rational = rationalFromNumber(fps ?? DEFAULT_SEQUENCE_FPS);
  const first = frameFiles[0];
  const { json, result } = await ffprobeJson([...imageStreamFields, '-i', first], { subject: first, signal });
  const stream = (
    json as { streams?: Array<{ codec_name?: string; width?: number; height?: number; pix_fmt?: string }> } | undefined
  )?.streams?.[0];
  if (result.code !== 0 || !stream?.width || !stream.height || !stream.codec_name) {
    const cause = classifyProbeFailure(first, result.stderr);
    throw new VideoError('NO_FRAMES', shownAs, `The first frame of ${shownAs} cannot be read: ${cause.message}`, {
      cause,
    });
  }
  const frameTimesMs = constantFrameTimesMs(frameFiles.length, rate);
  return {
    path: shownAs,
    kind: 'image-sequence',
    width: stream.width,
    height: stream.height,
    fps: rate,
    frameCount: frameFiles.length,
    durationMs: (frameFiles.length * 1000 * rate.den) / rate.num,
    codec: stream.codec_name,
    pixelFormat: stream.pix_fmt ?? 'unknown',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs,
    frameFiles,
  };
}
