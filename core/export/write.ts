import path from 'node:path';
import { RESULT_FORMATS, resultFormatForExtension, type ResultFormat } from '../export-formats';
import type { TrackingResult } from '../types';
import { writeFileAtomic } from '../util/fs';
import { toAnalysisCsv } from './analysis-csv-writer';
import { toCocoResults } from './coco-results-writer';
import { toCsv } from './csv-writer';
import { toCsvWide } from './csv-wide-writer';
import { toDlcCsv } from './dlc-csv';
import { writeDlcH5 } from './dlc-h5';
import { toPoseTrack17 } from './posetrack17-writer';
import { toPoseTrack18 } from './posetrack18-writer';
import type { KeypointExport } from './prepare';
import { writeNwbPose } from './nwb-writer';
import { writeSleapAnalysis } from './sleap-analysis';

/** The formats the writers here produce (every export format but the overlay video). */

export interface WriteOptions {
  format: ResultFormat;
  /**
   * Keypoint layout. PoseTrack formats default to 'posetrack' (head points derived from a COCO
   * model's output, which stays in the file for reopening); CSV defaults to the model's own layout.
   */
  keypoints?: KeypointExport;
  /**
   * Names given to tracks, by track id: written as `posetrail.track_names` in PoseTrack files, as a
   * `track_name` column in the long and angle CSVs, a `track<id>_name` column in wide CSV, and a
   * `track_name` field in COCO results (only for named tracks).
   */
  trackNames?: Record<number, string>;
}

/** The formats written as HDF5 files (through h5wasm) rather than as text. */
const HDF5_WRITERS: Partial<
  Record<
    ResultFormat,
    (
      outPath: string,
      result: TrackingResult,
      keypoints: KeypointExport,
      trackNames?: Record<number, string>,
    ) => Promise<void>
  >
> = {
  'sleap-analysis': writeSleapAnalysis,
  nwb: writeNwbPose,
};

/** The format an output path implies: `.json` → posetrack18, `.csv` → csv, `.h5` → sleap-analysis, `.nwb` → nwb. */
export function formatFromPath(outPath: string): ResultFormat {
  const format = resultFormatForExtension(path.extname(outPath).toLowerCase());
  if (format) return format;
  throw new Error(
    `Cannot tell the export format from "${outPath}": use a .json, .csv, .h5 or .nwb name, or give the format (${RESULT_FORMATS.join(', ')}).`,
  );
}

/** Serialises a result in the chosen format and writes it atomically (readers never see half a file). */
export async function writeTrackingResult(outPath: string, result: TrackingResult, opts: WriteOptions): Promise<void> {
  const writeHdf5 = HDF5_WRITERS[opts.format];
  if (writeHdf5) return writeHdf5(outPath, result, opts.keypoints ?? modelLayout(result), opts.trackNames);
  await writeFileAtomic(outPath, serializeTrackingResult(result, opts));
  if (opts.format === 'dlc')
    await writeDlcH5(dlcH5PathFor(outPath), result, opts.keypoints ?? modelLayout(result), opts.trackNames);
}

/** DeepLabCut keeps the .h5 beside the CSV under the same name: `clip.dlc.csv` → `clip.dlc.h5`. */
export function dlcH5PathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.h5`;
}

function modelLayout(result: TrackingResult): KeypointExport {
  return result.schema === 'coco17' ? 'coco' : 'posetrack';
}

export function serializeTrackingResult(result: TrackingResult, opts: WriteOptions): string {
  switch (opts.format) {
    case 'posetrack18':
      return JSON.stringify(withTrackNames(toPoseTrack18(result, opts.keypoints ?? 'posetrack'), opts.trackNames));
    case 'posetrack17':
      if (opts.keypoints === 'coco')
        throw new Error(
          'PoseTrack 2017 files have no COCO layout (joint ids 0–14 only); use posetrack18 or csv for raw COCO keypoints.',
        );
      return JSON.stringify(withTrackNames(toPoseTrack17(result), opts.trackNames));
    case 'csv':
      return toCsv(result, opts.keypoints ?? modelLayout(result), opts.trackNames);
    case 'csv-wide':
      return toCsvWide(result, opts.keypoints ?? modelLayout(result), opts.trackNames);
    case 'coco':
      return JSON.stringify(toCocoResults(result, opts.trackNames));
    case 'analysis-csv':
      return toAnalysisCsv(result, opts.trackNames);
    case 'dlc':
      return toDlcCsv(result, opts.keypoints ?? modelLayout(result), opts.trackNames);
    case 'sleap-analysis':
    case 'nwb':
      throw new Error(`${opts.format} is an HDF5 format: write it with writeTrackingResult.`);
    default:
      throw new Error(`Unknown export format "${String(opts.format)}". Should be one of ${RESULT_FORMATS.join(', ')}.`);
  }
}

/** Adds the names of the tracks in the file to its top-level `posetrail` object. */
function withTrackNames(
  doc: Record<string, unknown>,
  trackNames: Record<number, string> | undefined,
): Record<string, unknown> {
  if (!trackNames) return doc;
  return { ...doc, posetrail: { ...(doc.posetrail as object), track_names: trackNames } };
}
