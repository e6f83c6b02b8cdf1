import type { ApiErrorData, BatchFileState, BatchOptions, TrackSettings } from '../api/pose-api';
import type { FramePoses, Progress, TrackingResult } from '../types';

/**
 * Messages between the service and its worker thread (core/api/tracking-worker.ts). Everything
 * heavy (tracking, batch, overlay rendering) runs there so the host's event loop — Electron's
 * main process or the web host — stays responsive.
 */

export type WorkerJob =
  | { kind: 'track'; videoPath: string; settings: TrackSettings }
  | { kind: 'batch'; options: BatchOptions }
  | { kind: 'overlay'; result: TrackingResult; outPath: string; minKeypointScore?: number };

export type ToWorker = { type: 'start'; job: WorkerJob } | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: Progress }
  | { type: 'frames'; frames: FramePoses[] }
  | { type: 'warning'; message: string }
  | { type: 'batch-update'; files: BatchFileState[]; overall: Progress }
  | { type: 'done'; value: unknown }
  | { type: 'error'; error: ApiErrorData };
