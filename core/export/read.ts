import path from 'node:path';
import { openRegularFile } from '../util/regular-file';
import { readFailure } from '../util/read-capped';
import type { FramePoses, Keypoint, TrackJoin, TrackedPose, TrackingResult, VideoInfo } from '../types';
import type { PosetrailJoin } from './schemas/posetrail-info';
import { parsePoseTrackDocument, readPoseTrackDocument, type PtDocument, type PtPerson } from './posetrack-document';
import type { ReadResult } from './dense-result';
import { looksLikeDlcCsv, readDlcCsv } from './dlc-csv';
import { toPoseTrack18 } from './posetrack18-writer';
import { readNwbPose } from './nwb-pose';
import { readSleapAnalysis } from './sleap-analysis';

/**
 * Frame rate assumed for files that carry no timing (other tools' PoseTrack files): PoseTrack's
 * videos are mostly 25–30 fps; times are only used to seek, the data stays keyed by frame index.
 */
export const ASSUMED_FPS_WITHOUT_TIMING = 30;

/**
 * Reads a PoseTrack 2018 or 2017 file into a TrackingResult. Files written by Posetrail reopen as
 * they were saved (video timing, models, raw COCO keypoints when they were embedded, stitching
 * joins); other
 * PoseTrack files (ground truth, other trackers) load in the posetrack18 layout, with labelled
 * frames as the processed ones. Errors name the file and the bad field.
 */
export async function readTrackingResult(file: string): Promise<TrackingResult> {
  return (await readResultFile(file)).result;
}

/**
 * Reads any pose file Posetrail opens, with the track names it holds: PoseTrack 2018/2017 JSON,
 * SLEAP analysis HDF5 (`.h5`), DeepLabCut CSV (`.csv` starting with its `scorer` row), NWB with
 * ndx-pose (`.nwb`, read only).
 */
export async function readResultFile(file: string): Promise<ReadResult> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.h5' || extension === '.hdf5') return readSleapAnalysis(file);
  if (extension === '.nwb') return readNwbPose(file);
  if (extension === '.csv') {
    if (looksLikeDlcCsv(await readHead(file))) return readDlcCsv(file);
    throw new Error(`${file}: Posetrail reads DeepLabCut CSV files (first row "scorer,…"); this CSV is not one.`);
  }
  const doc = await readPoseTrackDocument(file);
  const names = Object.entries(doc.info?.track_names ?? {}).filter(([, name]) => name !== '');
  return {
    result: documentToTrackingResult(doc),
    trackNames: Object.fromEntries(names.map(([id, name]) => [Number(id), name])),
    frameCountRecorded: true,
  };
}

/**
 * A pose file as the PoseTrack evaluation reads it: PoseTrack JSON as it is, other formats
 * converted to PoseTrack 2018 as the exporter writes them (head boxes from the head points).
 */
export async function readPoseDocument(file: string): Promise<PtDocument> {
  if (path.extname(file).toLowerCase() === '.json') return readPoseTrackDocument(file);
  const { result } = await readResultFile(file);
  return parsePoseTrackDocument(file, toPoseTrack18(result, 'posetrack'));
}

async function readHead(file: string): Promise<string> {
  const handle = await openRegularFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read (${readFailure(error)}).`);
  });
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

export function documentToTrackingResult(doc: PtDocument): TrackingResult {
  const useRawCoco = doc.info?.source_schema === 'coco17' && doc.frames.every((f) => f.people.every((p) => p.rawCoco));
  const schema = useRawCoco ? 'coco17' : doc.schema;
  const video = doc.info?.video ?? synthesizeVideoInfo(doc);
  const frames: FramePoses[] = [];
  doc.frames.forEach((frame, frameIndex) => {
    if (!frame.labeled && frame.people.length === 0) return;
    frames.push({
      frameIndex,
      timestampMs: video.frameTimesMs[frameIndex] ?? (frameIndex * 1000) / ASSUMED_FPS_WITHOUT_TIMING,
      poses: frame.people.map((person, i) => toTrackedPose(doc.file, frameIndex, i, person, useRawCoco)),
    });
  });
  return {
    video,
    schema,
    frames,
    models: doc.info?.models ?? { detector: 'unknown', pose: 'unknown' },
    ...(doc.info?.execution_provider ? { executionProvider: doc.info.execution_provider } : {}),
    ...(doc.info?.joins?.length ? { joins: doc.info.joins.map(fromFileJoin) } : {}),
  };
}

function fromFileJoin(j: PosetrailJoin): TrackJoin {
  return {
    trackId: j.track_id,
    pieceId: j.piece_id,
    endFrame: j.end_frame,
    startFrame: j.start_frame,
    gapFrames: j.gap_frames,
    distance: j.distance,
    appearance: j.appearance,
    cost: j.cost,
  };
}

function toTrackedPose(
  file: string,
  frameIndex: number,
  index: number,
  person: PtPerson,
  useRawCoco: boolean,
): TrackedPose {
  if (person.trackId === undefined) throw new Error(`${file}: frame ${frameIndex}, person ${index} has no track_id.`);
  const keypoints: Keypoint[] = useRawCoco
    ? person.rawCoco!.map((k) => [...k] as Keypoint)
    : person.keypoints.map((k) => (k ? [...k] : [0, 0, 0]) as Keypoint);
  const [x, y, w, h] = person.bbox ?? boxAround(keypoints);
  const scored = keypoints.filter((k) => k[2] > 0);
  const score = person.score ?? (scored.length ? scored.reduce((s, k) => s + k[2], 0) / scored.length : 0);
  return {
    keypoints,
    box: { x, y, w, h, score: person.boxScore ?? score },
    score,
    ...(person.source ? { source: person.source } : {}),
    ...flagsOf(person, useRawCoco),
    trackId: person.trackId,
  };
}

function flagsOf(person: PtPerson, useRawCoco: boolean): { keypointFlags?: number[] } {
  const flags = useRawCoco ? person.rawCocoFlags : person.keypointFlags;
  return flags && flags.some((f) => f !== 0) ? { keypointFlags: [...flags] } : {};
}

/** Tight box around the present keypoints; used when a file has no bbox. */
function boxAround(keypoints: Keypoint[]): number[] {
  const present = keypoints.filter((k) => k[2] > 0 || k[0] !== 0 || k[1] !== 0);
  if (present.length === 0) return [0, 0, 0, 0];
  const xs = present.map((k) => k[0]);
  const ys = present.map((k) => k[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

function synthesizeVideoInfo(doc: PtDocument): VideoInfo {
  const frameCount = doc.frames.length;
  const firstName = doc.frames[0]?.name ?? path.basename(doc.file);
  return {
    path: path.dirname(firstName) === '.' ? doc.file : path.dirname(firstName),
    kind: 'image-sequence',
    width: 0,
    height: 0,
    fps: { num: ASSUMED_FPS_WITHOUT_TIMING, den: 1 },
    frameCount,
    durationMs: (frameCount * 1000) / ASSUMED_FPS_WITHOUT_TIMING,
    codec: 'unknown',
    pixelFormat: 'unknown',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs: Array.from({ length: frameCount }, (_, i) => (i * 1000) / ASSUMED_FPS_WITHOUT_TIMING),
    frameFiles: doc.frames.map((f) => f.name),
  };
}
