/**
 * The settings of one tracking run, each with its default: the one source the CLI flags, the Track
 * dialog, batch mode and runTracking take their defaults from. A pure module (zod and constants
 * only), so the renderer may import it. Fields that default to absent mean: threads, all cores;
 * detectorInputSizePx, the model's own input; endFrame, the video's end; startTimeMs/endTimeMs,
 * no time span. Parsing fills the defaults and checks types; resolveTrackOptions (core/pipeline)
 * checks the ranges with messages that name the option.
 */
import { z } from 'zod';
import type { TrackSettings } from '../api/pose-api';
import { EXECUTION_DEVICES } from '../devices';
import {
  DEFAULT_DET_INTERVAL_FRAMES,
  DEFAULT_DETECTOR_ID,
  DEFAULT_MAX_GAP_MS,
  DEFAULT_MIN_BOX_SCORE,
  DEFAULT_MIN_KEYPOINT_SCORE,
  DEFAULT_POSE_MODEL_ID,
  DEFAULT_REID_MODEL_ID,
  DEFAULT_TILE_INTERVAL_FRAMES,
} from './run-defaults';

/** A tile grid (core/detect's TileLayout); its bounds are checked by resolveTiling. */
const TileLayoutSchema = z.object({ cols: z.number(), rows: z.number(), overlap: z.number() });

/** Numbers are checked for range after parsing, so NaN reaches the message that names the option. */
const anyNumber = () => z.number().or(z.nan());

export const RunSettingsSchema = z.object({
  /** Detector model id (or a path the model store resolves). */
  detector: z.string().default(DEFAULT_DETECTOR_ID),
  /** Pose model id (or a path the model store resolves). */
  poseModel: z.string().default(DEFAULT_POSE_MODEL_ID),
  device: z.enum(EXECUTION_DEVICES).default('auto'),
  threads: anyNumber().optional(),
  /** Run the detector every N frames (1 = every frame); propagation serves the frames between. */
  detIntervalFrames: anyNumber().default(DEFAULT_DET_INTERVAL_FRAMES),
  /** With tiling: search the tiles on every N-th detector run (the full frame on every run). */
  tileIntervalFrames: anyNumber().default(DEFAULT_TILE_INTERVAL_FRAMES),
  minBoxScore: anyNumber().default(DEFAULT_MIN_BOX_SCORE),
  minKeypointScore: anyNumber().default(DEFAULT_MIN_KEYPOINT_SCORE),
  flipTest: z.boolean().default(false),
  /** First frame to process (0-based, inclusive). */
  startFrame: anyNumber().default(0),
  /** Frame to stop before (exclusive). */
  endFrame: anyNumber().optional(),
  /** Instead of startFrame: start at the frame on screen at this time (ms from the first frame). */
  startTimeMs: anyNumber().optional(),
  /** Instead of endFrame: stop before the first frame shown at or after this time (ms). */
  endTimeMs: anyNumber().optional(),
  /** Process every N-th frame. */
  stride: anyNumber().default(1),
  /** Detector tiling for small people in large frames. */
  detectorTiling: z.union([z.enum(['auto', 'off']), TileLayoutSchema]).default('auto'),
  /** Square detector input side (px) for models that take any size. */
  detectorInputSizePx: anyNumber().optional(),
  /** Re-link people after occlusions and short exits (lost-track memory). */
  relink: z.boolean().default(true),
  /** Join track pieces after the run. */
  stitch: z.boolean().default(true),
  /** Longest time unseen after which a person still keeps their id, in ms. */
  maxGapMs: anyNumber().default(DEFAULT_MAX_GAP_MS),
  /** Person re-ID model id (or path); 'none' tells people apart by their colours. */
  reidModel: z.string().default(DEFAULT_REID_MODEL_ID),
});

/** A run's settings as given: every field may be left out for its default. */
export type RunSettingsInput = z.input<typeof RunSettingsSchema>;
/** A run's settings with every default filled in. */
export type RunSettings = z.output<typeof RunSettingsSchema>;

/** The default of every run setting. */
export const RUN_SETTINGS_DEFAULTS: Readonly<RunSettings> = Object.freeze(RunSettingsSchema.parse({}));

/** The app's and batch's saved settings when nothing was saved yet (the fields every saved one has). */
export const DEFAULT_TRACK_SETTINGS: Readonly<TrackSettings> = Object.freeze({
  detector: RUN_SETTINGS_DEFAULTS.detector,
  poseModel: RUN_SETTINGS_DEFAULTS.poseModel,
  device: RUN_SETTINGS_DEFAULTS.device,
  detIntervalFrames: RUN_SETTINGS_DEFAULTS.detIntervalFrames,
  minBoxScore: RUN_SETTINGS_DEFAULTS.minBoxScore,
  minKeypointScore: RUN_SETTINGS_DEFAULTS.minKeypointScore,
  flipTest: RUN_SETTINGS_DEFAULTS.flipTest,
  detectorTiling: 'auto',
});
