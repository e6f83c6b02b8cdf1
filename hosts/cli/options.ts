/** Option parsers and flag builders the commands share. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { TrackSettings } from '../../core/api/pose-api';
import { EXECUTION_DEVICES } from '../../core/devices';
import type { TilingOption } from '../../core/detect/detector';
import { parseTilingSpec } from '../../core/detect/tiling-options';
import { RESULT_FORMATS, type ResultFormat } from '../../core/export-formats';
import { DEFAULT_TRACK_SETTINGS, RUN_SETTINGS_DEFAULTS } from '../../core/settings/run-settings';
import type { ExecutionDevice } from '../../core/types';
import { addDownloadOption, type DownloadCliOption } from './fetch-models';
import { parseDurationMs } from './duration-option';
import { NO_REID_MODEL } from '../../core/settings/run-defaults';
import { GPU_DEFAULT_DETECTOR_ID, GPU_DEFAULT_POSE_MODEL_ID } from '../../core/models/device-defaults';

export const DEVICES: readonly ExecutionDevice[] = EXECUTION_DEVICES;
export type FrameRange = { startFrame?: number; endFrame?: number };

/** A number in [0, 1] for score options. */
export function parseScore(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1))
      throw new InvalidArgumentError(`${flag} needs a number from 0 to 1, got "${value}".`);
    return n;
  };
}

/** Options shared by `track` and `batch`: models, device and the run settings, with the run settings' defaults. */
export function addTrackSettingsOptions(command: Command): Command {
  const defaults = RUN_SETTINGS_DEFAULTS;
  return addDownloadOption(command)
    .option(
      '--detector <id>',
      `person detector model id or .onnx path (default: ${defaults.detector} on CPU, ${GPU_DEFAULT_DETECTOR_ID} when a GPU provider works)`,
    )
    .option(
      '--pose-model <id>',
      `pose model id or .onnx path (default: ${defaults.poseModel} on CPU, ${GPU_DEFAULT_POSE_MODEL_ID} when a GPU provider works)`,
    )
    .addOption(new Option('--device <device>', 'execution device').choices(DEVICES).default(defaults.device))
    .option('--threads <n>', 'CPU threads per model (default: all cores)', parseCount('--threads'))
    .option(
      '--det-interval <n>',
      'run the detector every N frames, propagating boxes in between',
      parseCount('--det-interval'),
      defaults.detIntervalFrames,
    )
    .option('--flip', 'flip test: average each pose with its mirror image (twice the pose work)', defaults.flipTest)
    .option('--no-relink', 'forget a person as soon as they are out of sight for a second (no lost-track memory)')
    .option('--no-stitch', 'do not join track pieces of one person after the run')
    .option(
      '--max-gap <time>',
      'longest time a person may go unseen and keep their id (e.g. 3s, 500ms)',
      parseDurationMs('--max-gap'),
      defaults.maxGapMs,
    )
    .option(
      '--reid-model <id>',
      `person re-ID model id or .onnx path that tells returning people apart (default: ${defaults.reidModel}, downloaded on first use; "${NO_REID_MODEL}": by their colours)`,
    );
}

/** --format and --keypoints, shared by `track` and `batch`. */
export function addOutputFormatOptions(command: Command, formatHelp: string): Command {
  return command
    .addOption(new Option('--format <format>', formatHelp).choices(RESULT_FORMATS))
    .addOption(
      new Option('--keypoints <layout>', "keypoint layout of the output (default: the format's own)").choices([
        'posetrack',
        'coco',
      ]),
    );
}

export interface TrackSettingsCliOptions extends DownloadCliOption {
  /** Absent until chooseCliModels fills in the device's default. */
  detector?: string;
  poseModel?: string;
  device: ExecutionDevice;
  threads?: number;
  detInterval: number;
  flip: boolean;
  relink: boolean;
  stitch: boolean;
  maxGap: number;
  reidModel?: string;
  format?: ResultFormat;
  keypoints?: 'posetrack' | 'coco';
}

export function trackSettingsFromCli(options: TrackSettingsCliOptions): TrackSettings {
  return {
    ...DEFAULT_TRACK_SETTINGS,
    detector: options.detector ?? RUN_SETTINGS_DEFAULTS.detector,
    poseModel: options.poseModel ?? RUN_SETTINGS_DEFAULTS.poseModel,
    device: options.device,
    ...(options.threads !== undefined && { threads: options.threads }),
    detIntervalFrames: options.detInterval,
    flipTest: options.flip,
    relink: options.relink,
    stitch: options.stitch,
    maxGapMs: options.maxGap,
    ...(options.reidModel && { reidModel: options.reidModel }),
  };
}

/** A whole number ≥ 1 for count options. */
export function parseCount(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${flag} needs a whole number ≥ 1, got "${value}".`);
    return n;
  };
}

/** `a:b`, `a:` or `:b` (0-based, end exclusive). */
export function parseFrameRange(value: string): { startFrame?: number; endFrame?: number } {
  const match = /^\s*(\d*)\s*:\s*(\d*)\s*$/.exec(value);
  if (!match || (match[1] === '' && match[2] === '')) {
    throw new InvalidArgumentError(
      `--frames needs start:end (0-based, end exclusive, e.g. 100:200, 100: or :50), got "${value}".`,
    );
  }
  const range = {
    ...(match[1] !== '' && { startFrame: Number(match[1]) }),
    ...(match[2] !== '' && { endFrame: Number(match[2]) }),
  };
  if (range.endFrame !== undefined && range.endFrame <= (range.startFrame ?? 0)) {
    throw new InvalidArgumentError(`--frames ${value}: the end frame must be after the start frame.`);
  }
  return range;
}

/** `--tiling auto|off|CxR[@overlap]` for the commands that run the detector. */
export function parseTiling(value: string): TilingOption {
  try {
    return parseTilingSpec(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export const TILING_HELP =
  'detector tiling for small people in large frames: auto, off, or a grid CxR[@overlap] such as 3x2';
