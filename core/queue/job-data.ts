import { createHash } from 'node:crypto';
import type { TrackSettings } from '../api/pose-api';
import type { BatchReportFile, KeypointsOption } from '../batch';
import type { ResultFormat } from '../export-formats';

/** What a worker needs to track one video of a batch: plain JSON, stored in Redis with the job. */
export interface TrackJobData {
  batchId: string;
  /** The batch's folder and output folder: the input must lie in the one, the output in the other. */
  folder: string;
  outDir: string;
  /** Paths as the submitting machine sees them; a worker maps them with --path-map. */
  input: string;
  output: string;
  relativePath: string;
  inputSizeBytes: number;
  inputMtimeMs: number;
  settings: TrackSettings;
  settingsHash: string;
  format: ResultFormat;
  keypoints: KeypointsOption | null;
}

/** A job's return value: what the batch report records for a finished video. */
export interface TrackJobResult {
  frames: number;
  tracks: number;
  wallMs: number;
  startedAt: string;
  finishedAt: string;
  /** The worker that tracked it (host:pid). */
  worker: string;
  /** When the worker took the job and when its tracking process was ready to run it (ms since the epoch). */
  takenAtMs: number;
  childReadyAtMs: number;
}

/** Job attempts before a video is reported failed with its last error. */
export const JOB_ATTEMPTS = 3;
/** First retry delay; the later ones double it. */
export const RETRY_DELAY_MS = 1_000;
/** Finished jobs stay in Redis this long, so a re-run within it sees them even without a report. */
export const KEEP_FINISHED_S = 30 * 24 * 3600;

/**
 * A job's id: the input's path, size and modification time, the output path and the settings
 * hash. BullMQ adds no second job under an id it holds, so one video with one set of settings
 * is never queued twice, whoever submits it.
 */
export function jobIdFor(
  file: Pick<BatchReportFile, 'input' | 'output' | 'inputSizeBytes' | 'inputMtimeMs'>,
  settingsHash: string,
): string {
  const key = JSON.stringify([file.input, file.inputSizeBytes, file.inputMtimeMs, file.output, settingsHash]);
  return `video-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** A batch's id: its folder, output folder and settings, so re-running a command finds its batch again. */
export function batchIdFor(folder: string, outDir: string, settingsHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify([folder, outDir, settingsHash]))
    .digest('hex')
    .slice(0, 12);
}
