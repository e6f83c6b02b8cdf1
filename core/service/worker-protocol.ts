import type { ApiErrorData, BatchFileState, BatchOptions, RunSummary, TrackSettings } from '../api/pose-api';
import type { FramePoses, Progress, TrackingResult } from '../types';

/**
 * Messages between the service and its worker thread (core/service/tracking-worker.ts). Everything
 * heavy (tracking, batch, overlay rendering) runs there so the host's event loop — Electron's
 * main process or the web host — stays responsive.
 */

/** Each job kind: what the service sends, and the value the worker sends back when it is done. */
export interface WorkerJobSpecs {
  track: {
    request: { videoPath: string; settings: TrackSettings };
    value: { result: TrackingResult; summary: RunSummary };
  };
  batch: { request: { options: BatchOptions }; value: { files: BatchFileState[]; overall: Progress } };
  /** Value: the path of the written video. */
  overlay: {
    request: {
      result: TrackingResult;
      outPath: string;
      minKeypointScore?: number;
      trackNames?: Record<number, string>;
    };
    value: string;
  };
}
export type WorkerJobKind = keyof WorkerJobSpecs;
export type WorkerJob<K extends WorkerJobKind = WorkerJobKind> = {
  [P in K]: { kind: P } & WorkerJobSpecs[P]['request'];
}[K];
export type WorkerValue<K extends WorkerJobKind = WorkerJobKind> = WorkerJobSpecs[K]['value'];

export type ToWorker = { type: 'start'; job: WorkerJob } | { type: 'cancel' };

export type FromWorker<K extends WorkerJobKind = WorkerJobKind> =
  | { type: 'progress'; progress: Progress }
  | { type: 'frames'; frames: FramePoses[] }
  | { type: 'warning'; message: string }
  | { type: 'batch-update'; files: BatchFileState[]; overall: Progress }
  | { type: 'done'; value: WorkerValue<K> }
  | { type: 'error'; error: ApiErrorData };

/** Messages other than the end of the job, which `runWorkerJob` forwards to its caller. */
export type WorkerUpdate = Exclude<FromWorker, { type: 'done' | 'error' }>;
