/**
 * Checks what an encoder left behind before it is renamed into place. ffmpeg can exit 0 on a
 * full disk (the trailer, with the MP4 index, fails to write after the frames did), leaving a file
 * without a moov atom that nothing can open; the only trustworthy check is to open it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { VideoError } from './errors';
import { probeVideoFile } from './probe-file';

/** Below this much free space a failed write is put down to a full disk. */
export const DISK_FULL_MARGIN_BYTES = 1024 * 1024;

/** Free bytes for unprivileged writers on the file system holding `dir` (null when unknown). */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await fs.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export async function looksLikeFullDisk(dir: string, detail: string): Promise<boolean> {
  if (/no space left on device|ENOSPC|disk quota exceeded|EDQUOT/i.test(detail)) return true;
  const free = await freeBytes(dir);
  return free !== null && free < DISK_FULL_MARGIN_BYTES;
}

/**
 * Resolves when `written` opens as a video holding `expectedFrames` frames; otherwise throws a
 * VideoError about `target` (DISK_FULL when the disk is full). Call before deleting `written`, so
 * the free-space check sees the disk as the encoder left it.
 */
export async function verifyWrittenVideo(
  written: string,
  target: string,
  expectedFrames: number,
  encoderStderr: string,
): Promise<void> {
  let problem: string;
  try {
    const info = await probeVideoFile(written);
    if (info.frameCount === expectedFrames) return;
    problem = `it holds ${info.frameCount} of the ${expectedFrames} frames written`;
  } catch (error) {
    problem = `it does not open as a video: ${(error as Error).message.replace(`${written}: `, '')}`;
  }
  if (await looksLikeFullDisk(path.dirname(written), encoderStderr)) {
    throw new VideoError(
      'DISK_FULL',
      target,
      `Cannot write ${target}: the disk is full; the unfinished video was deleted.`,
    );
  }
  throw new VideoError(
    'WRITE_FAILED',
    target,
    `Writing ${target} failed: the finished file is unusable (${problem}); it was deleted.`,
  );
}
