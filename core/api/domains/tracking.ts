import type { Progress } from '../../types';
import type { TrackSettings } from '../../settings/run-settings';

/** A run's settings as the app saves and sends them: defined once, with the run settings. */
export type { DetectorTilingSetting, TrackSettings } from '../../settings/run-settings';

/** A tracking run the back end is working on, for any window (a reload, a second tab) to show. */
export interface ActiveRun {
  runId: string;
  videoPath: string;
  progress: Progress;
  /** Epoch milliseconds. */ startedAtMs: number;
}

/** How many calls one model got, the images they held, and the calls by batch size. */
export interface ModelCallCount {
  calls: number;
  images: number;
  callsByBatch: Record<string, number>;
}

export interface RunSummary {
  frames: number;
  persons: number;
  tracks: number;
  wallMs: number;
  stageMs: Record<string, number>;
  /** Model calls made, by model (for comparing with bare calls of the same batch sizes); reid when the run had a re-ID model. */
  modelCalls?: Record<'detector' | 'pose', ModelCallCount> & { reid?: ModelCallCount };
  executionProvider: string;
  warnings: string[];
}

export interface TrackingApi {
  start(videoPath: string, settings: TrackSettings): Promise<{ runId: string }>;
  cancel(runId: string): Promise<void>;
  /** Runs in progress, with their latest progress. */
  list(): Promise<ActiveRun[]>;
}
