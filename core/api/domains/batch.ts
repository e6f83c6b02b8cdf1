import type { ResultFormat } from '../../export-formats';
import type { Progress } from '../../types';
import type { TrackSettings } from './tracking';

export interface BatchOptions {
  folder: string;
  outDir: string;
  recursive: boolean;
  extensions: string[];
  settings: TrackSettings;
  format: ResultFormat;
  /** Spread the videos over `posetrail worker`s through this Redis instead of tracking here. */
  queueUrl?: string;
}

export type BatchFileStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled';

export interface BatchFileState {
  input: string;
  output: string;
  status: BatchFileStatus;
  progress?: Progress;
  error?: string;
  wallMs?: number;
}

export interface BatchApi {
  start(options: BatchOptions): Promise<{ batchId: string }>;
  cancel(batchId: string): Promise<void>;
}
