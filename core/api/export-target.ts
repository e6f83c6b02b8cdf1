import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError, ERROR_CODES } from './errors';
import { POSETRAIL_VIDEO_COMMENT } from '../video/writer';

/** Bytes read from an existing file to tell whether Posetrail wrote it. */
const SNIFF_BYTES = 64 * 1024;
const CSV_HEADER_PREFIX = 'frame,time_ms,track_id,keypoint,x,y,score';
/** Our PoseTrack files end with the top-level `posetrail` object (format_version 1). */
const POSETRAIL_JSON_MARK = /"posetrail":\{"format_version":1,/;

export type ExistingFileKind = 'posetrail-output' | 'other';

/** What sits at `outPath`: nothing, a Posetrail export, or a file of someone else's. */
export async function existingFileKind(outPath: string): Promise<ExistingFileKind | null> {
  let stat;
  try {
    stat = await fs.stat(outPath);
  } catch {
    return null;
  }
  if (stat.isDirectory()) throw new ApiError(ERROR_CODES.invalidArgument, `${outPath} is a folder; give a file name to export to.`);
  return (await looksLikePosetrailOutput(outPath, stat.size)) ? 'posetrail-output' : 'other';
}

async function looksLikePosetrailOutput(file: string, sizeBytes: number): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(tail, 0, tail.length, Math.max(0, sizeBytes - tail.length));
    const text = head.toString('utf8') + tail.toString('utf8');
    if (text.startsWith(CSV_HEADER_PREFIX)) return true;
    if (POSETRAIL_JSON_MARK.test(text)) return true;
    return head.includes(POSETRAIL_VIDEO_COMMENT) || tail.includes(POSETRAIL_VIDEO_COMMENT);
  } finally {
    await handle.close();
  }
}

/**
 * Refuses to replace an existing file unless the request says `overwrite`. The error code tells
 * the app which question to ask: ALREADY_EXISTS for an earlier Posetrail export, NOT_POSETRAIL_OUTPUT
 * for anyone else's file (which needs an explicit confirmation).
 */
export async function assertExportTarget(outPath: string, overwrite: boolean): Promise<void> {
  const kind = await existingFileKind(outPath);
  if (!kind || overwrite) return;
  const name = path.basename(outPath);
  if (kind === 'posetrail-output') {
    throw new ApiError(ERROR_CODES.alreadyExists, `${name} already exists (an earlier Posetrail export). Replace it?`);
  }
  throw new ApiError(ERROR_CODES.notPosetrailOutput, `${name} already exists and was not written by Posetrail. Replacing it loses its contents.`);
}
