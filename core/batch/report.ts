import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BatchFileState, TrackSettings } from '../api/pose-api';
import { writeFileAtomic } from '../util/fs';
import type { ResultFormat } from '../export-formats';
import { parseJsonText } from '../util/json-text';

export const BATCH_REPORT_NAME = 'batch-report.json';
export const BATCH_REPORT_VERSION = 1;

/** One video of a batch as the report records it. */
export interface BatchReportFile extends BatchFileState {
  /** Path relative to the batch folder, '/'-separated. */
  relativePath: string;
  /** Size and modification time of the input when it was processed: a changed file is redone. */
  inputSizeBytes: number;
  inputMtimeMs: number;
  /** Hash of the settings that shape the output; other settings give a different result. */
  settingsHash: string;
  startedAt?: string;
  finishedAt?: string;
  frames?: number;
  tracks?: number;
  /** An earlier output of this video, tracked with the same settings, that this run re-exports instead of tracking. */
  reexportFrom?: string;
}

export interface BatchReport {
  version: typeof BATCH_REPORT_VERSION;
  folder: string;
  outDir: string;
  format: ResultFormat;
  /** null: each format's default layout (see core/export). */
  keypoints: KeypointsOption | null;
  settings: TrackSettings;
  settingsHash: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  counts: Record<BatchReportFile['status'], number>;
  files: BatchReportFile[];
}

export type KeypointsOption = 'posetrack' | 'coco';

/**
 * A short hash of what decides the content of an output file: models, thresholds, detector
 * interval, flip test, detector tiling, format and keypoint layout. Device and thread count are left out: they
 * change the speed, not the result, so switching them does not redo finished videos.
 */
export function settingsHash(settings: TrackSettings, format: ResultFormat, keypoints: KeypointsOption | null): string {
  const relevant = {
    detector: settings.detector,
    poseModel: settings.poseModel,
    detIntervalFrames: settings.detIntervalFrames,
    minBoxScore: settings.minBoxScore,
    minKeypointScore: settings.minKeypointScore,
    flipTest: settings.flipTest,
    // Only when not the default, so that outputs made before the setting existed stay complete.
    ...(settings.detectorTiling === 'off' && { detectorTiling: 'off' }),
    format,
    keypoints,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export function reportPath(outDir: string): string {
  return path.join(outDir, BATCH_REPORT_NAME);
}

/**
 * The report of an earlier run in `outDir`, or null when there is none. A report that cannot be
 * parsed (a crash can't produce one, since writes are atomic, but a person may have edited it) is
 * treated as absent after a warning: the batch then redoes everything, which is safe.
 */
export async function readBatchReport(
  outDir: string,
  onWarning?: (message: string) => void,
): Promise<BatchReport | null> {
  const file = reportPath(outDir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read batch report ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    const report = parseJsonText(text, 'the file') as BatchReport;
    if (report.version !== BATCH_REPORT_VERSION || !Array.isArray(report.files))
      throw new Error(`unknown version ${report.version}`);
    return report;
  } catch (error) {
    onWarning?.(
      `Ignoring unreadable batch report ${file} (${(error as Error).message}); every video will be processed.`,
    );
    return null;
  }
}

export function countStatuses(files: readonly BatchFileState[]): BatchReport['counts'] {
  const counts = { pending: 0, running: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 };
  for (const file of files) counts[file.status] += 1;
  return counts;
}

/** Writes the report atomically: a crash leaves the previous complete version. */
export async function writeBatchReport(report: BatchReport): Promise<void> {
  await writeFileAtomic(reportPath(report.outDir), `${JSON.stringify(report, null, 2)}\n`);
}
