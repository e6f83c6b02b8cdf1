import { promises as fs } from 'node:fs';
import { OVERLAY_VIDEO_COMMENT } from '../video/writer';
import { CSV_HEADER } from './csv-writer';
import { NWB_POSETRAIL_MARK } from './nwb-writer';
import { SLEAP_PROVENANCE_MARK } from './sleap-analysis';

/** Bytes read from an existing file to tell whether Posetrail wrote it. */
const SNIFF_BYTES = 64 * 1024;
/** Our PoseTrack files hold a top-level `posetrail` object that starts with this. */
const POSETRAIL_JSON_MARK = '"posetrail":{"format_version":1,';
/** Our DeepLabCut tables name Posetrail as their scorer (dlcScorer). */
const DLC_CSV_MARK = 'scorer,Posetrail_';
/** A JSON file larger than this is not read whole to look for our mark (it is then someone else's). */
const MAX_JSON_SNIFF_BYTES = 1024 * 1024 * 1024;

export type ExistingFileKind = 'posetrail-output' | 'other';

/**
 * What sits at `outPath`: nothing (null), a file Posetrail wrote (a PoseTrack file with our
 * `posetrail` object, our CSV or DeepLabCut table, our SLEAP or NWB file, a video we encoded), or someone else's file, which no export may
 * replace without an explicit confirmation.
 */
export async function existingFileKind(outPath: string): Promise<ExistingFileKind | null> {
  let stat;
  try {
    stat = await fs.stat(outPath);
  } catch {
    return null;
  }
  if (stat.isDirectory()) throw new Error(`${outPath} is a folder; give a file name to export to.`);
  return (await looksLikePosetrailOutput(outPath, stat.size)) ? 'posetrail-output' : 'other';
}

async function looksLikePosetrailOutput(file: string, sizeBytes: number): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(head, 0, head.length, 0);
    if (head.toString('utf8').startsWith(CSV_HEADER) || head.toString('utf8').startsWith(DLC_CSV_MARK)) return true;
    // Our videos carry the comment in the moov atom, at the front (faststart) or at the end.
    const tail = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
    await handle.read(tail, 0, tail.length, Math.max(0, sizeBytes - tail.length));
    if (head.includes(OVERLAY_VIDEO_COMMENT) || tail.includes(OVERLAY_VIDEO_COMMENT)) return true;
    // Our SLEAP files: the provenance string, written last, sits in the file's last heap.
    if (head.includes(SLEAP_PROVENANCE_MARK) || tail.includes(SLEAP_PROVENANCE_MARK)) return true;
    // Our NWB files: the note in /general/notes, written last for the same reason.
    if (tail.includes(NWB_POSETRAIL_MARK)) return true;
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
