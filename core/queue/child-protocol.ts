import type { TrackSettings } from '../api/pose-api';
import type { KeypointsOption } from '../batch';
import type { ResultFormat } from '../export-formats';
import type { Progress } from '../types';

/** Messages between a queue worker and the process it starts for one job (job-child.ts). */
export interface ChildJob {
  /** Paths as this machine sees them (after --path-map). */
  input: string;
  output: string;
  settings: TrackSettings;
  format: ResultFormat;
  keypoints: KeypointsOption | null;
  defaultThreads?: number;
}

export type ToChild = { type: 'start'; job: ChildJob };

export type FromChild =
  | { type: 'ready' }
  | { type: 'progress'; progress: Progress }
  | { type: 'warning'; message: string }
  | { type: 'done'; frames: number; tracks: number }
  | { type: 'error'; message: string };

/** Exit status of a job process whose worker went away (it stops without writing anything). */
export const EXIT_ORPHANED = 70;
