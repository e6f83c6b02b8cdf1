import type { TrackSettings } from '../api/pose-api';
import type { ExecutionDevice } from '../types';
import { resolveTiling, type TilingOption } from '../detect/tiling-options';
import { checkDetectorInputSize } from '../detect/input-size';
import { DEFAULT_MAX_GAP_MS, DEFAULT_REID_MODEL_ID, NO_REID_MODEL } from '../settings/run-defaults';
import {
  DEFAULT_DET_INTERVAL_FRAMES,
  DEFAULT_MIN_BOX_SCORE,
  DEFAULT_MIN_KEYPOINT_SCORE,
  DEFAULT_TILE_INTERVAL_FRAMES,
} from '../settings/run-defaults';

/** Everything one tracking run needs besides the input path. */
export interface TrackOptions {
  /** Detector model id (or a path the model store resolves). */
  detector: string;
  /** Pose model id (or a path the model store resolves). */
  poseModel: string;
  device?: ExecutionDevice;
  threads?: number;
  /** Run the detector every N frames (1 = every frame); propagation serves the frames between. */
  detIntervalFrames?: number;
  minBoxScore?: number;
  minKeypointScore?: number;
  flipTest?: boolean;
  /** First frame to process (0-based, inclusive). */
  startFrame?: number;
  /** Frame to stop before (exclusive); default: the end of the video. */
  endFrame?: number;
  /** Instead of startFrame: start at the frame on screen at this time (ms from the first frame). */
  startTimeMs?: number;
  /** Instead of endFrame: stop before the first frame shown at or after this time (ms). */
  endTimeMs?: number;
  /** Process every N-th frame. */
  stride?: number;
  /** Detector tiling for small people in large frames; the detector's default ('auto') when absent. */
  detectorTiling?: TilingOption;
  /** Re-link people after occlusions and short exits (lost-track memory); default on. */
  relink?: boolean;
  /** Join track pieces after the run; default on. */
  stitch?: boolean;
  /** Longest time unseen after which a person still keeps their id, in ms; default 3 s. */
  maxGapMs?: number;
  /** With tiling: search the tiles on every N-th detector run (the full frame on every run). */
  tileIntervalFrames?: number;
  /** Square detector input side for models that take any size; the manifest's when absent. */
  detectorInputSizePx?: number;
  /**
   * Person re-ID model id (or path): people are told apart by its embedding instead of their
   * colours; none when absent or 'none'. A known model that is not installed falls back to the
   * colours with a warning (see loadReidModel).
   */
  reidModel?: string;
}

type OptionalFields = 'threads' | 'endFrame' | 'startTimeMs' | 'endTimeMs' | 'detectorTiling' | 'detectorInputSizePx' | 'reidModel';
export type ResolvedTrackOptions = Required<Omit<TrackOptions, OptionalFields>> & Pick<TrackOptions, OptionalFields>;

/** Fills in the defaults and rejects values that make no sense, naming the option. */
export function resolveTrackOptions(options: TrackOptions): ResolvedTrackOptions {
  const resolved: ResolvedTrackOptions = {
    detector: options.detector,
    poseModel: options.poseModel,
    device: options.device ?? 'auto',
    threads: options.threads,
    detIntervalFrames: options.detIntervalFrames ?? DEFAULT_DET_INTERVAL_FRAMES,
    tileIntervalFrames: options.tileIntervalFrames ?? DEFAULT_TILE_INTERVAL_FRAMES,
    minBoxScore: options.minBoxScore ?? DEFAULT_MIN_BOX_SCORE,
    minKeypointScore: options.minKeypointScore ?? DEFAULT_MIN_KEYPOINT_SCORE,
    flipTest: options.flipTest ?? false,
    startFrame: options.startFrame ?? 0,
    endFrame: options.endFrame,
    stride: options.stride ?? 1,
    startTimeMs: options.startTimeMs,
    endTimeMs: options.endTimeMs,
    ...(options.detectorTiling !== undefined && { detectorTiling: resolveTiling(options.detectorTiling) }),
    ...(options.detectorInputSizePx !== undefined && { detectorInputSizePx: options.detectorInputSizePx }),
    relink: options.relink ?? true,
    stitch: options.stitch ?? true,
    maxGapMs: options.maxGapMs ?? DEFAULT_MAX_GAP_MS,
    ...(options.reidModel && options.reidModel !== NO_REID_MODEL && { reidModel: options.reidModel }),
  };
  checkDetectorInputSize(resolved.detectorInputSizePx);
  if (!resolved.detector) throw new Error('No detector model given.');
  if (!resolved.poseModel) throw new Error('No pose model given.');
  checkInteger('detIntervalFrames', resolved.detIntervalFrames, 1);
  checkInteger('tileIntervalFrames', resolved.tileIntervalFrames, 1);
  checkInteger('startFrame', resolved.startFrame, 0);
  checkInteger('stride', resolved.stride, 1);
  if (resolved.threads !== undefined) checkInteger('threads', resolved.threads, 1);
  if (resolved.endFrame !== undefined) {
    checkInteger('endFrame', resolved.endFrame, 1);
    if (resolved.endFrame <= resolved.startFrame) {
      throw new Error(`Invalid frame range ${resolved.startFrame}:${resolved.endFrame}. The end frame must be after the start frame.`);
    }
  }
  checkTimeSpan(options);
  if (!(Number.isFinite(resolved.maxGapMs) && resolved.maxGapMs >= 0)) throw new Error(`Invalid maxGapMs ${resolved.maxGapMs}. Should be a time in ms ≥ 0.`);
  checkScore('minBoxScore', resolved.minBoxScore);
  checkScore('minKeypointScore', resolved.minKeypointScore);
  return resolved;
}

/** The options of a run started from the app's or the batch's settings. */
export function trackOptionsFromSettings(settings: TrackSettings): TrackOptions {
  return {
    detector: settings.detector,
    poseModel: settings.poseModel,
    device: settings.device,
    threads: settings.threads,
    detIntervalFrames: settings.detIntervalFrames,
    minBoxScore: settings.minBoxScore,
    minKeypointScore: settings.minKeypointScore,
    flipTest: settings.flipTest,
    ...(settings.detectorTiling && { detectorTiling: settings.detectorTiling }),
    ...(settings.detectorInputSizes?.[settings.detector] !== undefined && { detectorInputSizePx: settings.detectorInputSizes[settings.detector] }),
    ...(settings.relink !== undefined && { relink: settings.relink }),
    ...(settings.stitch !== undefined && { stitch: settings.stitch }),
    ...(settings.maxGapMs !== undefined && { maxGapMs: settings.maxGapMs }),
    // Settings saved before re-ID was the default, and new ones, get the default model; a run
    // that neither re-links nor stitches has no use for one.
    reidModel: settings.relink === false && settings.stitch === false ? NO_REID_MODEL : (settings.reidModel ?? DEFAULT_REID_MODEL_ID),
  };
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`Invalid ${name} ${value}. Should be an integer ≥ ${min}.`);
}

/** A time span replaces the frame range at either end, never both; times are ms ≥ 0, end after start. */
function checkTimeSpan(options: TrackOptions): void {
  const { startTimeMs, endTimeMs } = options;
  if (startTimeMs !== undefined && options.startFrame !== undefined) throw new Error('Give a start frame or a start time, not both.');
  if (endTimeMs !== undefined && options.endFrame !== undefined) throw new Error('Give an end frame or an end time, not both.');
  for (const [name, value] of [['startTimeMs', startTimeMs], ['endTimeMs', endTimeMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new Error(`Invalid ${name} ${value}. Should be a time in ms ≥ 0.`);
  }
  if (startTimeMs !== undefined && endTimeMs !== undefined && endTimeMs <= startTimeMs) {
    throw new Error(`Invalid time span ${startTimeMs}–${endTimeMs} ms. The end must be after the start.`);
  }
}

function checkScore(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`Invalid ${name} ${value}. Should be a number in [0, 1].`);
}
