import path from 'node:path';
import { existingFileKind } from '../export/existing-output';
import { assertRegularOrMissing, NOT_REGULAR_FILE, openRegularFile } from '../util/regular-file';
import type { ExportFormat } from '../api/pose-api';
import { ApiError, ERROR_CODES } from '../api/errors';

/**
 * Exports replace only files Posetrail wrote, unless the request says to overwrite: an export
 * path typed by mistake (or sent by whoever holds the token) must not silently destroy an
 * unrelated file. Ours are recognised by content: PoseTrack JSON carries the top-level
 * `posetrail` object, our CSVs start with one of our headers, our COCO results carry `track_id`
 * after the fields COCO defines, overlay videos carry our comment tag.
 */

const JSON_MARKER = '"posetrail":{"format_version":';
/** Long form (with or without the flags column), wide form, and the angles-and-speeds table. */
const OUR_CSV_HEADER = /^frame,time_ms,(track_id,keypoint,x,y,score(,flags)?|track\d+_[a-z_]+_[a-z]+(,|$)|track_id,[a-z_]+_deg(,|$))/;
const OUR_COCO_RESULTS = /^\[(\]|\{"image_id":\d+,"category_id":1,"keypoints":\[[^\]]*\],"score":[^,]+,"track_id":)/;
const HEAD_BYTES = 64 * 1024;
/** How far into a file the marker is looked for; the JSON marker sits near the end of ours. */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** True when `marker` occurs in the file's first MAX_SCAN_BYTES (read in chunks, bounded memory). */
async function fileContains(filePath: string, marker: string): Promise<boolean> {
  const handle = await openRegularFile(filePath);
  try {
    const needle = Buffer.from(marker, 'utf8');
    let carry = Buffer.alloc(0);
    for (let offset = 0; offset < MAX_SCAN_BYTES; offset += CHUNK_BYTES) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, offset);
      if (bytesRead === 0) return false;
      const window = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      if (window.includes(needle)) return true;
      carry = window.subarray(Math.max(0, window.length - needle.length + 1));
    }
    return false;
  } finally {
    await handle.close();
  }
}

async function readHead(filePath: string): Promise<string> {
  const handle = await openRegularFile(filePath);
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Whether an existing file is one of our exports (of any format: replacing JSON by CSV is fine). */
export async function isPosetrailOutput(filePath: string): Promise<boolean> {
  const head = await readHead(filePath);
  if (OUR_CSV_HEADER.test(head.split('\n', 1)[0]) || OUR_COCO_RESULTS.test(head)) return true;
  // Loaded on first use, like the exporters themselves (core-ports).
  const { OVERLAY_VIDEO_COMMENT } = await import('../video/writer');
  return (await fileContains(filePath, JSON_MARKER)) || (await fileContains(filePath, OVERLAY_VIDEO_COMMENT));
}

/**
 * Throws EXPORT_EXISTS when `outPath` exists, is not ours, and the request did not ask to
 * overwrite; INVALID_ARGUMENT when it is a folder, a FIFO or anything but a regular file.
 */
export async function checkExportTarget(outPath: string, format: ExportFormat, overwrite: boolean): Promise<void> {
  if (overwrite) return refuseIrregularTarget(outPath, format);
  let ours: boolean;
  try {
    ours = await isPosetrailOutput(outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EISDIR') throw new ApiError(ERROR_CODES.invalidArgument, `Cannot export ${format} to ${outPath}: it is a folder.`);
    if (code === NOT_REGULAR_FILE) throw new ApiError(ERROR_CODES.invalidArgument, `Cannot export ${format} to ${outPath}: ${(error as Error).message}`);
    throw error;
  }
  if (!ours) {
    throw new ApiError(ERROR_CODES.exportExists, `${outPath} already exists and was not written by Posetrail; replace it only if you are sure.`);
  }
}

/**
 * The app asks before replacing any file: without `overwrite` an earlier Posetrail export is not
 * replaced either (ALREADY_EXISTS), so the Export dialog can say what is there and ask.
 */
export async function refuseSilentReplace(outPath: string, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  if ((await existingFileKind(outPath).catch(() => null)) === 'posetrail-output') {
    throw new ApiError(ERROR_CODES.alreadyExists, `${path.basename(outPath)} already exists (an earlier Posetrail export). Replace it?`);
  }
}

/** Even a confirmed replace goes only over a regular file (a FIFO is no export, and blocks readers). */
async function refuseIrregularTarget(outPath: string, format: ExportFormat): Promise<void> {
  try {
    await assertRegularOrMissing(outPath);
  } catch (error) {
    throw new ApiError(ERROR_CODES.invalidArgument, `Cannot export ${format} to ${outPath}: ${(error as Error).message}`);
  }
}
