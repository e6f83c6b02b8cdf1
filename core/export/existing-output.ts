import { assertRegularFile, NOT_REGULAR_FILE, openRegularFile } from '../util/regular-file';
import { OVERLAY_VIDEO_COMMENT } from '../video/writer';
import { NWB_POSETRAIL_MARK } from './nwb-writer';
import { SLEAP_PROVENANCE_MARK } from './sleap-analysis';

/**
 * The one rule every entry point (the app's exports, batch, `posetrail export` and `track`) uses
 * to tell whether a file may be replaced: Posetrail replaces only files it wrote, unless told to
 * overwrite. Ours are recognised by content: PoseTrack JSON carries the top-level `posetrail`
 * object, our CSVs start with one of our headers, our COCO results carry `track_id` after the
 * fields COCO defines, overlay videos carry our comment tag.
 */

const JSON_MARKER = '"posetrail":{"format_version":';
/** Long form (with or without the flags column), wide form, and the angles-and-speeds table. */
const OUR_CSV_HEADER =
  /^frame,time_ms,(track_id,keypoint,x,y,score(,flags)?|track\d+_[a-z_]+_[a-z]+(,|$)|track_id,[a-z_]+_deg(,|$))/;
const OUR_COCO_RESULTS = /^\[(\]|\{"image_id":\d+,"category_id":1,"keypoints":\[[^\]]*\],"score":[^,]+,"track_id":)/;
const HEAD_BYTES = 64 * 1024;
/** How far into a file the marker is looked for; the JSON marker sits near the end of ours. */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** Our DeepLabCut tables name Posetrail as their scorer (dlcScorer). */
const DLC_CSV_MARK = 'scorer,Posetrail_';

export type ExistingFileKind = 'posetrail-output' | 'other';

/** The output path names a folder, not a file. */
export class OutputIsFolderError extends Error {}

/**
 * What sits at `outPath`: nothing (null), a file Posetrail wrote (PoseTrack, CSV, COCO results,
 * DeepLabCut, SLEAP or NWB file, overlay video), or someone else's file, which nothing may replace
 * without an explicit confirmation (`overwrite`, `--overwrite`).
 */
export async function existingFileKind(outPath: string): Promise<ExistingFileKind | null> {
  try {
    await assertRegularFile(outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new OutputIsFolderError(`${outPath} is a folder; give a file name to write to.`);
    // A FIFO would block the read below forever; a device or socket is nothing to replace.
    if (code === NOT_REGULAR_FILE) throw error;
    // Nothing readable there (missing, or a parent that is no folder): writing will say why if it fails.
    return null;
  }
  return (await isPosetrailOutput(outPath)) ? 'posetrail-output' : 'other';
}

/** Whether an existing file is one of our outputs (of any format: replacing JSON by CSV is fine). */
export async function isPosetrailOutput(filePath: string): Promise<boolean> {
  const head = await readHead(filePath);
  if (OUR_CSV_HEADER.test(head.split('\n', 1)[0]) || OUR_COCO_RESULTS.test(head) || head.startsWith(DLC_CSV_MARK))
    return true;
  // Our SLEAP and NWB files carry their mark in the last heap written, near the end of the file.
  const tail = await readTail(filePath);
  if (tail.includes(SLEAP_PROVENANCE_MARK) || tail.includes(NWB_POSETRAIL_MARK)) return true;
  return (await fileContains(filePath, JSON_MARKER)) || (await fileContains(filePath, OVERLAY_VIDEO_COMMENT));
}

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

async function readTail(filePath: string): Promise<Buffer> {
  const handle = await openRegularFile(filePath);
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
