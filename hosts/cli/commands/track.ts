import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { TrackingResult } from '../../../core/types';
import { CliError, EXIT_CANCELLED } from '../cli-error';
import type { ResultFormat } from '../../../core/export-formats';
import { formatFromPath, writeTrackingResult } from '../../../core/export/write';
import { OUTPUT_SUFFIX } from '../../../core/export-formats';
import { isAbortError } from '../../../core/util/abort';
import { runTracking } from '../../../core/pipeline/runner';
import { renderOverlayVideo } from '../../../core/pipeline/overlay';
import { trackOptionsFromSettings } from '../../../core/pipeline/track-options';
import { assertWritableDir } from '../../../core/util/fs';
import type { TilingOption } from '../../../core/detect/detector';
import { fetchMissingModels, fetchReidModel } from '../fetch-models';
import {
  addOutputFormatOptions,
  addTrackSettingsOptions,
  parseCount,
  parseFrameRange,
  parseTiling,
  TILING_HELP,
  trackSettingsFromCli,
  type TrackSettingsCliOptions,
} from '../options';
import { createProgressReporter } from '../progress';
import { parseTimeMs } from '../time-option';
import { isFramePattern } from '../../../core/video/printf-pattern';
import { addDetSizeOption } from '../det-size-option';
import { writeStageTimes } from '../stage-times';
import { chooseCliModels } from '../model-choice';
import { addOverwriteOption, assertReplaceable, type OverwriteCliOption } from '../replace-rule';
import { RUN_SETTINGS_DEFAULTS } from '../../../core/settings/run-settings';

/** `<stem><suffix>` beside the input: a video's stem, or a frame folder's (or pattern folder's) name. */
export async function defaultOutputPath(input: string, format: ResultFormat): Promise<string> {
  const resolved = path.resolve(input);
  const stats = await fs.stat(resolved).catch(() => null);
  let base = resolved;
  // A pattern only when no such file exists: `clip 100%.mp4` is a file whose name holds a %.
  if (!stats && isFramePattern(path.basename(resolved))) base = path.dirname(resolved);
  else if (!stats?.isDirectory()) base = resolved.slice(0, resolved.length - path.extname(resolved).length);
  return `${base.replace(/[\\/]+$/, '')}${OUTPUT_SUFFIX[format]}`;
}

interface TrackCliOptions extends TrackSettingsCliOptions, OverwriteCliOption {
  output?: string;
  frames?: { startFrame?: number; endFrame?: number };
  from?: number;
  to?: number;
  draw?: string;
  tiling: TilingOption;
  tileInterval: number;
  stageTimes?: string;
  /** `--det-size` (see addDetSizeOption). */
  detectorInputSizePx?: number;
}

export function register(program: Command): void {
  const command = program
    .command('track')
    .description(
      'Track every person in a video or a folder of frames and write their poses (PoseTrack 2018 JSON by default).',
    )
    .argument('<input>', 'video file, folder of frames, or printf pattern such as frames/%05d.png')
    .option('-o, --output <file>', 'output file (default: <input>.posetrack.json beside the input; .json or .csv)')
    .option('--frames <a:b>', 'only frames a (inclusive) to b (exclusive), 0-based', parseFrameRange)
    .option('--from <time>', 'start at this time, in seconds or [h:]m:ss (instead of --frames)', parseTimeMs('--from'))
    .option('--to <time>', 'stop before this time, in seconds or [h:]m:ss (instead of --frames)', parseTimeMs('--to'))
    .option('--draw <file.mp4>', 'also write an overlay video with boxes, skeletons and track ids')
    .option('--tiling <mode>', TILING_HELP, parseTiling, RUN_SETTINGS_DEFAULTS.detectorTiling)
    .option(
      '--tile-interval <n>',
      'with tiling, search the tiles every N detector runs (the full frame every run)',
      parseCount('--tile-interval'),
      RUN_SETTINGS_DEFAULTS.tileIntervalFrames,
    )
    .option('--stage-times <file.json>', 'also write where the run spent its time (per stage, model calls) as JSON');
  addDetSizeOption(command);
  addOutputFormatOptions(command, 'output format (default: from the output name, else posetrack18)');
  addOverwriteOption(command);
  addTrackSettingsOptions(command).action(async (input: string, options: TrackCliOptions) => {
    await trackCommand(input, options);
  });
}

async function trackCommand(input: string, options: TrackCliOptions): Promise<void> {
  const actionStartMs = performance.now();
  const format = options.format ?? (options.output ? formatOf(options.output) : 'posetrack18');
  if (format === 'posetrack17' && options.keypoints === 'coco') {
    throw new CliError(
      'PoseTrack 2017 files have no COCO layout (joint ids 0–14 only); use posetrack18 or csv for raw COCO keypoints.',
    );
  }
  if (options.frames && (options.from !== undefined || options.to !== undefined)) {
    throw new CliError('Give --frames or --from/--to, not both.');
  }
  const output = path.resolve(options.output ?? (await defaultOutputPath(input, format)));
  if (options.draw && path.extname(options.draw).toLowerCase() !== '.mp4') {
    throw new CliError(`--draw writes an H.264 MP4: give a .mp4 file name, not "${options.draw}".`);
  }
  await assertWritableDir(path.dirname(output));
  if (options.draw) await assertWritableDir(path.dirname(path.resolve(options.draw)));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  await assertReplaceable(output, options, log);
  if (options.draw) await assertReplaceable(path.resolve(options.draw), options, log);
  const { detector, poseModel, runDevice } = await chooseCliModels(options, log);
  Object.assign(options, { detector, poseModel, device: runDevice });
  await fetchMissingModels([detector, poseModel], options);
  await fetchReidModel(options, (line) => process.stderr.write(`${line}\n`));

  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const progress = createProgressReporter('Tracking', 'frames');
  try {
    const settings = trackSettingsFromCli(options);
    const span = { ...options.frames, startTimeMs: options.from, endTimeMs: options.to };
    const { result, summary } = await runTracking(
      input,
      {
        ...trackOptionsFromSettings(settings),
        ...span,
        detectorTiling: options.tiling,
        tileIntervalFrames: options.tileInterval,
        detectorInputSizePx: options.detectorInputSizePx,
      },
      {
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        onWarning: onceEach((message) => progress.log(`posetrail: warning: ${message}`)),
      },
    );
    progress.stop();
    const outputStartMs = performance.now();
    await writeTrackingResult(output, result, { format, keypoints: options.keypoints });
    if (options.stageTimes)
      await writeStageTimes(options.stageTimes, summary, {
        actionStartMs,
        outputMs: performance.now() - outputStartMs,
      });
    const seconds = summary.wallMs / 1000;
    process.stdout.write(
      `Wrote ${output}: ${summary.frames} frames, ${summary.persons} poses, ${summary.tracks} tracks${result.joins?.length ? ` (${result.joins.length} pieces joined)` : ''} in ${seconds.toFixed(1)} s ` +
        `(${(summary.frames / seconds).toFixed(1)} fps on ${summary.executionProvider}).\n`,
    );
    if (options.draw) await drawOverlay(result, path.resolve(options.draw), output, controller.signal);
  } catch (error) {
    progress.stop();
    if (isAbortError(error)) throw new CliError('Cancelled; no output written.', EXIT_CANCELLED);
    throw error;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}

async function drawOverlay(
  result: TrackingResult,
  drawPath: string,
  output: string,
  signal: AbortSignal,
): Promise<void> {
  const progress = createProgressReporter('Drawing', 'frames');
  try {
    const drawn = await renderOverlayVideo(result, drawPath, { signal, onProgress: (p) => progress.update(p) });
    progress.stop();
    process.stdout.write(`Wrote ${drawPath}: overlay video, ${drawn.frames} frames.\n`);
  } catch (error) {
    progress.stop();
    if (isAbortError(error))
      throw new CliError(`Cancelled the overlay video (none written); ${output} is complete.`, EXIT_CANCELLED);
    throw error;
  }
}

/**
 * A run's warnings, each said once: a GPU provider that failed is reported per model session
 * ("… could not be used for <model file>; running on CPU (…)"), which is one fact for the run.
 */
function onceEach(say: (message: string) => void): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    const key = message.replace(/ for [^;]+; running on CPU/, '; running on CPU');
    if (said.has(key)) return;
    said.add(key);
    say(key);
  };
}

function formatOf(output: string): ResultFormat {
  try {
    return formatFromPath(output);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
