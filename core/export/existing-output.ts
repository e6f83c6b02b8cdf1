import { assertRegularFile, NOT_REGULAR_FILE, openRegularFile } from '../util/regular-file';
import { OVERLAY_VIDEO_COMMENT } from '../video/writer';
import { CSV_HEADER } from './csv-writer';

/** Bytes read from an existing file to tell whether Posetrail wrote it. */
const SNIFF_BYTES = 64 * 1024;
/** Our PoseTrack files hold a top-level `posetrail` object that starts with this. */
const POSETRAIL_JSON_MARK = '"posetrail":{"format_version":1,';
/** A JSON file larger than this is not read whole to look for our mark (it is then someone else's). */
const MAX_JSON_SNIFF_BYTES = 1024 * 1024 * 1024;

export type ExistingFileKind = 'posetrail-output' | 'other';

/**
 * What sits at `outPath`: nothing (null), a file Posetrail wrote (a PoseTrack file with our
 * `posetrail` object, our CSV, a video we encoded), or someone else's file, which no export may
 * replace without an explicit confirmation.
 */
export async function existingFileKind(outPath: string): Promise<ExistingFileKind | null> {
  let stat;
  try {
    stat = await assertRegularFile(outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new Error(`${outPath} is a folder; give a file name to export to.`);
    // A FIFO would block the read below forever; a device or socket is nothing to replace.
    if (code === NOT_REGULAR_FILE) throw error;
    // Nothing readable there (missing, or a parent that is no folder): writing will say why if it fails.
    return null;
  }
  return (await looksLikePosetrailOutput(outPath, stat.size)) ? 'posetrail-output' : 'other';
}

async function looksLikePosetrailOutput(file: string, sizeBytes: number): Promise<boolean> {
  const handle = await openRegularFile(file);
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(head, 0, head.length, 0);
    if (head.toString('utf8').startsWith(CSV_HEADER)) return true;
    // Our videos carry the comment in the moov atom, at the front (faststart) or at the end.
    const tail = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(tail, 0, tail.length, Math.max(0, sizeBytes - tail.length));
    if (head.includes(OVERLAY_VIDEO_COMMENT) || tail.includes(OVERLAY_VIDEO_COMMENT)) return true;
    // PoseTrack JSON: the `posetrail` object can sit anywhere after the annotations; a JSON file
    // is read whole (our exports are a few MB per thousand frames).
    if (head[0] !== 0x7b || sizeBytes > MAX_JSON_SNIFF_BYTES) return false;
    const whole = Buffer.alloc(sizeBytes);
    await handle.read(whole, 0, sizeBytes, 0);
    return whole.includes(POSETRAIL_JSON_MARK);
  } finally {
    await handle.close();
  }
}
