import type { TrackSettings } from '../api/pose-api';
import { resolveTiling } from '../detect/tiling-options';
import { checkDetectorInputSize } from '../detect/input-size';
import { NO_REID_MODEL } from '../settings/run-defaults';
import { RunSettingsSchema, type RunSettings, type RunSettingsInput } from '../settings/run-settings';

/**
 * Everything one tracking run needs besides the input path: the run settings of
 * core/settings/run-settings.ts, each left out taking its default there. `reidModel` 'none'
 * tells people apart by their colours.
 */
export type TrackOptions = RunSettingsInput;

/** The run's options with every default filled in; `reidModel` is absent when the run has none. */
export type ResolvedTrackOptions = Omit<RunSettings, 'reidModel'> & { reidModel?: string };

/** Fills in the defaults and checks each field (through RunSettingsSchema), then the fields that depend on each other, naming the option. */
export function resolveTrackOptions(options: TrackOptions): ResolvedTrackOptions {
  const parsed = RunSettingsSchema.safeParse(options);
  if (!parsed.success) throw new Error(describeIssues(parsed.error.issues));
  const { reidModel, ...settings } = parsed.data;
  const resolved: ResolvedTrackOptions = {
    ...settings,
    detectorTiling: resolveTiling(settings.detectorTiling),
    ...(reidModel !== NO_REID_MODEL && { reidModel }),
  };
  checkDetectorInputSize(resolved.detectorInputSizePx);
  checkInteger('tileIntervalFrames', resolved.tileIntervalFrames, 1);
  checkInteger('startFrame', resolved.startFrame, 0);
  checkInteger('stride', resolved.stride, 1);
  if (resolved.endFrame !== undefined) {
    checkInteger('endFrame', resolved.endFrame, 1);
    if (resolved.endFrame <= resolved.startFrame) {
      throw new Error(
        `Invalid frame range ${resolved.startFrame}:${resolved.endFrame}. The end frame must be after the start frame.`,
      );
    }
  }
  checkTimeSpan(options);
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
    ...(settings.detectorInputSizes?.[settings.detector] !== undefined && {
      detectorInputSizePx: settings.detectorInputSizes[settings.detector],
    }),
    ...(settings.relink !== undefined && { relink: settings.relink }),
    ...(settings.stitch !== undefined && { stitch: settings.stitch }),
    ...(settings.maxGapMs !== undefined && { maxGapMs: settings.maxGapMs }),
    // Settings saved before re-ID was the default, and new ones, get the default model (the
    // schema's); a run that neither re-links nor stitches has no use for one.
    ...(settings.reidModel !== undefined && { reidModel: settings.reidModel }),
    ...(settings.relink === false && settings.stitch === false && { reidModel: NO_REID_MODEL }),
  };
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new Error(`Invalid ${name} ${value}. Should be an integer ≥ ${min}.`);
}

/** A time span replaces the frame range at either end, never both; times are ms ≥ 0, end after start. */
function checkTimeSpan(options: TrackOptions): void {
  const { startTimeMs, endTimeMs } = options;
  if (startTimeMs !== undefined && options.startFrame !== undefined)
    throw new Error('Give a start frame or a start time, not both.');
  if (endTimeMs !== undefined && options.endFrame !== undefined)
    throw new Error('Give an end frame or an end time, not both.');
  for (const [name, value] of [
    ['startTimeMs', startTimeMs],
    ['endTimeMs', endTimeMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new Error(`Invalid ${name} ${value}. Should be a time in ms ≥ 0.`);
  }
  if (startTimeMs !== undefined && endTimeMs !== undefined && endTimeMs <= startTimeMs) {
    throw new Error(`Invalid time span ${startTimeMs}–${endTimeMs} ms. The end must be after the start.`);
  }
}

/** The schema's own messages name the option; zod's type messages get the option's name in front. */
function describeIssues(issues: readonly { code: string; path: PropertyKey[]; message: string }[]): string {
  const described = issues.map((issue) =>
    issue.code === 'custom'
      ? issue.message
      : `Invalid run settings: ${issue.path.map(String).join('.') || 'options'}: ${issue.message}.`,
  );
  return described.join(' ');
}
