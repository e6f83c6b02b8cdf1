import type { ExecutionDevice, Progress } from '../../types';

export interface TrackSettings {
  detector: string;
  poseModel: string;
  device: ExecutionDevice;
  threads?: number;
  detIntervalFrames: number;
  minBoxScore: number;
  minKeypointScore: number;
  flipTest: boolean;
  /**
   * Detector tiling: 'auto' also runs the detector on overlapping tiles of frames much larger than
   * its input, so small and distant people are found (the detector then costs several times more);
   * 'off' runs it on the whole frame only. Absent means 'auto'.
   */
  detectorTiling?: DetectorTilingSetting;
  /** Input side (px) chosen per detector id, for detectors that take any size; absent = the model's own. */
  detectorInputSizes?: Record<string, number>;
  /** Re-link people after occlusions and short exits (lost-track memory); absent means on. */
  relink?: boolean;
  /** Join track pieces after the run (each join can be undone); absent means on. */
  stitch?: boolean;
  /** Longest time unseen after which a person keeps their id, in ms; absent means 3 s. */
  maxGapMs?: number;
  /** Re-ID model id telling people apart in re-linking and stitching; absent: the default one, 'none': colours. */
  reidModel?: string;
}

export type DetectorTilingSetting = 'auto' | 'off';

/** A tracking run the back end is working on, for any window (a reload, a second tab) to show. */
export interface ActiveRun {
  runId: string;
  videoPath: string;
  progress: Progress;
  /** Epoch milliseconds. */ startedAtMs: number;
}

export interface RunSummary {
  frames: number;
  persons: number;
  tracks: number;
  wallMs: number;
  stageMs: Record<string, number>;
  /** Model calls made, by model (for comparing with bare calls of the same batch sizes). */
  modelCalls?: Record<'detector' | 'pose', { calls: number; images: number; callsByBatch: Record<string, number> }>;
  executionProvider: string;
  warnings: string[];
}

export interface TrackingApi {
  start(videoPath: string, settings: TrackSettings): Promise<{ runId: string }>;
  cancel(runId: string): Promise<void>;
  /** Runs in progress, with their latest progress. */
  list(): Promise<ActiveRun[]>;
}
