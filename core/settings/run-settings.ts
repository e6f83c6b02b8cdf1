/**
 * The settings of one tracking run, each with its default and its valid range: the one source the
 * CLI flags, the Track dialog, batch mode, the API contract (TrackSettingsSchema, a pick of these
 * fields) and runTracking take their defaults and checks from. A pure module (zod and constants
 * only), so the renderer and core/api may import it. Fields that default to absent mean: threads,
 * all cores; detectorInputSizePx, the model's own input; endFrame, the video's end;
 * startTimeMs/endTimeMs, no time span. Parsing fills the defaults and checks each field with a
 * message that names it; resolveTrackOptions (core/pipeline) checks the fields that depend on
 * each other.
 */
import { z } from 'zod';
import { EXECUTION_DEVICES } from '../devices';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';
import {
  DEFAULT_DET_INTERVAL_FRAMES,
  DEFAULT_DETECTOR_ID,
  DEFAULT_MAX_GAP_MS,
  DEFAULT_MIN_BOX_SCORE,
  DEFAULT_POSE_MODEL_ID,
  DEFAULT_REID_MODEL_ID,
  DEFAULT_TILE_INTERVAL_FRAMES,
} from './run-defaults';

/** A tile grid (core/detect's TileLayout); its bounds are checked by resolveTiling. */
const TileLayoutSchema = z.object({ cols: z.number(), rows: z.number(), overlap: z.number() });

/** Numbers whose range is checked by resolveTrackOptions (NaN included, so the message names the option). */
const anyNumber = () => z.number().or(z.nan());

/** Upper bounds that keep a setting from another process or machine (API call, saved settings, queued job) sane. */
const MAX_THREADS = 256;
const MAX_DET_INTERVAL_FRAMES = 10_000;
const MAX_GAP_MS = 600_000;

/** A number from `min` to `max` (a whole one when `integer`), or an issue naming the setting, NaN included. */
function ranged(name: string, min: number, max: number, kind: 'integer' | 'score' | 'ms') {
  const should =
    kind === 'integer'
      ? `an integer from ${min} to ${max}`
      : kind === 'score'
        ? `a number in [${min}, ${max}]`
        : `a time in ms from ${min} to ${max}`;
  return anyNumber().superRefine((value, ctx) => {
    const fits = (kind !== 'integer' || Number.isInteger(value)) && value >= min && value <= max;
    if (!fits) ctx.addIssue({ code: 'custom', message: `Invalid ${name} ${value}. Should be ${should}.` });
  });
}

/** Detector tiling modes a setting can name; the CLI's `--tiling` also takes a grid. */
export const DetectorTilingModeSchema = z.enum(['auto', 'off']);

export const RunSettingsSchema = z.object({
  /** Detector model id (or a path the model store resolves). */
  detector: z
    .string()
    .refine((id) => id !== '', 'No detector model given.')
    .default(DEFAULT_DETECTOR_ID),
  /** Pose model id (or a path the model store resolves). */
  poseModel: z
    .string()
    .refine((id) => id !== '', 'No pose model given.')
    .default(DEFAULT_POSE_MODEL_ID),
  device: z.enum(EXECUTION_DEVICES).default('auto'),
  threads: ranged('threads', 1, MAX_THREADS, 'integer').optional(),
  /** Run the detector every N frames (1 = every frame); propagation serves the frames between. */
  detIntervalFrames: ranged('detIntervalFrames', 1, MAX_DET_INTERVAL_FRAMES, 'integer').default(
    DEFAULT_DET_INTERVAL_FRAMES,
  ),
  /** With tiling: search the tiles on every N-th detector run (the full frame on every run). */
  tileIntervalFrames: anyNumber().default(DEFAULT_TILE_INTERVAL_FRAMES),
  minBoxScore: ranged('minBoxScore', 0, 1, 'score').default(DEFAULT_MIN_BOX_SCORE),
  minKeypointScore: ranged('minKeypointScore', 0, 1, 'score').default(MIN_VISIBLE_KEYPOINT_SCORE),
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
  detectorTiling: z.union([DetectorTilingModeSchema, TileLayoutSchema]).default('auto'),
  /** Square detector input side (px) for models that take any size. */
  detectorInputSizePx: anyNumber().optional(),
  /** Re-link people after occlusions and short exits (lost-track memory). */
  relink: z.boolean().default(true),
  /** Join track pieces after the run. */
  stitch: z.boolean().default(true),
  /** Longest time unseen after which a person still keeps their id, in ms. */
  maxGapMs: ranged('maxGapMs', 0, MAX_GAP_MS, 'ms').default(DEFAULT_MAX_GAP_MS),
  /** Person re-ID model id (or path); 'none' tells people apart by their colours. */
  reidModel: z.string().min(1).default(DEFAULT_REID_MODEL_ID),
});

/** A run's settings as given: every field may be left out for its default. */
export type RunSettingsInput = z.input<typeof RunSettingsSchema>;
/** A run's settings with every default filled in. */
export type RunSettings = z.output<typeof RunSettingsSchema>;

/** The default of every run setting. */
export const RUN_SETTINGS_DEFAULTS: Readonly<RunSettings> = Object.freeze(RunSettingsSchema.parse({}));

/**
 * The run settings the app saves and sends through the API, batch reports and queued jobs carry:
 * a pick of the run settings (the frame range and the detector grid belong to one CLI run), plus
 * the tiling mode and a detector input size per detector id, which the Track dialog keeps.
 */
export const TrackSettingsSchema = RunSettingsSchema.pick({
  detector: true,
  poseModel: true,
  device: true,
  threads: true,
  detIntervalFrames: true,
  minBoxScore: true,
  minKeypointScore: true,
  flipTest: true,
  relink: true,
  stitch: true,
  maxGapMs: true,
  reidModel: true,
}).extend({
  /**
   * 'auto' also runs the detector on overlapping tiles of frames much larger than its input, so
   * small and distant people are found (the detector then costs several times more); 'off' runs
   * it on the whole frame only.
   */
  detectorTiling: DetectorTilingModeSchema.default('auto'),
  /** Input side (px) chosen per detector id, for detectors that take any size; absent = the model's own. */
  detectorInputSizes: z.record(z.string(), z.number().int().min(160).max(2048).multipleOf(32)).optional(),
});

/** Saved or sent run settings, every default filled in. */
export type TrackSettings = z.output<typeof TrackSettingsSchema>;
export type DetectorTilingSetting = z.output<typeof DetectorTilingModeSchema>;

/** The app's and batch's settings when nothing was saved yet. */
export const DEFAULT_TRACK_SETTINGS: Readonly<TrackSettings> = Object.freeze(TrackSettingsSchema.parse({}));
