import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { TrackSettings } from '../../api/pose-api';
import type { ExecutionDevice, Progress, TrackingResult } from '../../types';
import { CliError } from '../main';
import { DEFAULT_DETECTOR_ID, DEFAULT_POSE_MODEL_ID, DEFAULT_TRACK_SETTINGS } from '../../models/defaults';
import { EXPORT_FORMATS, formatFromPath, writeTrackingResult, type ExportFormat } from '../../export/write';
import { OUTPUT_SUFFIX } from '../../batch/output-path';
import { isAbortError } from '../../pipeline/abort';
import { runTracking } from '../../pipeline/runner';
import { renderOverlayVideo } from '../../pipeline/overlay';
import { trackOptionsFromSettings } from '../../pipeline/track-options';
import { assertWritableDir } from '../../util/fs';
import type { TilingOption } from '../../detect';
import { DEVICES, TILING_HELP, parseTiling } from './detect';
import { addDownloadOption, fetchMissingModels, type DownloadCliOption } from '../fetch-models';
import { parseTimeMs } from '../time-option';
import { addDetSizeOption } from '../det-size-option';

/** Without a terminal, one progress line every this many ms keeps logs readable. */
const LOG_INTERVAL_MS = 5000;
/** Exit status of a run stopped by Ctrl-C, as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

/** Options shared by `track` and `batch`: models, device and the run settings. */
export function addTrackSettingsOptions(command: Command): Command {
  return addDownloadOption(command)
    .option('--detector <id>', 'person detector model id or .onnx path', DEFAULT_DETECTOR_ID)
    .option('--pose-model <id>', 'pose model id or .onnx path', DEFAULT_POSE_MODEL_ID)
    .addOption(new Option('--device <device>', 'execution device').choices(DEVICES).default('auto'))
    .option('--threads <n>', 'CPU threads per model (default: all cores)', parseCount('--threads'))
    .option('--det-interval <n>', 'run the detector every N frames, propagating boxes in between', parseCount('--det-interval'), 1)
    .option('--flip', 'flip test: average each pose with its mirror image (twice the pose work)', false);
}

/** --format and --keypoints, shared by `track` and `batch`. */
export function addOutputFormatOptions(command: Command, formatHelp: string): Command {
  return command
    .addOption(new Option('--format <format>', formatHelp).choices(EXPORT_FORMATS))
    .addOption(new Option('--keypoints <layout>', "keypoint layout of the output (default: the format's own)").choices(['posetrack', 'coco']));
}

export interface TrackSettingsCliOptions extends DownloadCliOption {
  detector: string;
  poseModel: string;
  device: ExecutionDevice;
  threads?: number;
  detInterval: number;
  flip: boolean;
  format?: ExportFormat;
  keypoints?: 'posetrack' | 'coco';
}

export function trackSettingsFromCli(options: TrackSettingsCliOptions): TrackSettings {
  return {
    ...DEFAULT_TRACK_SETTINGS,
    detector: options.detector,
    poseModel: options.poseModel,
    device: options.device,
    ...(options.threads !== undefined && { threads: options.threads }),
    detIntervalFrames: options.detInterval,
    flipTest: options.flip,
  };
}

export function parseCount(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} needs a whole number ≥ 1, got "${value}".`);
    return n;
  };
}

/** `a:b`, `a:` or `:b` (0-based, end exclusive). */
export function parseFrameRange(value: string): { startFrame?: number; endFrame?: number } {
  const match = /^\s*(\d*)\s*:\s*(\d*)\s*$/.exec(value);
  if (!match || (match[1] === '' && match[2] === '')) {
    throw new InvalidArgumentError(`--frames needs start:end (0-based, end exclusive, e.g. 100:200, 100: or :50), got "${value}".`);
  }
  const range = { ...(match[1] !== '' && { startFrame: Number(match[1]) }), ...(match[2] !== '' && { endFrame: Number(match[2]) }) };
  if (range.endFrame !== undefined && range.endFrame <= (range.startFrame ?? 0)) {
    throw new InvalidArgumentError(`--frames ${value}: the end frame must be after the start frame.`);
  }
  return range;
}

/** `<stem><suffix>` beside the input: a video's stem, or a frame folder's (or pattern folder's) name. */
export async function defaultOutputPath(input: string, format: ExportFormat): Promise<string> {
  const resolved = path.resolve(input);
  let base = resolved;
  if (resolved.includes('%')) base = path.dirname(resolved);
  else if (!(await fs.stat(resolved).then((s) => s.isDirectory(), () => false))) base = resolved.slice(0, resolved.length - path.extname(resolved).length);
  return `${base.replace(/[\\/]+$/, '')}${OUTPUT_SUFFIX[format]}`;
}

interface TrackCliOptions extends TrackSettingsCliOptions {
  output?: string;
  frames?: { startFrame?: number; endFrame?: number };
  from?: number;
  to?: number;
  draw?: string;
  tiling: TilingOption;
  detSize?: number;
}

export function register(program: Command): void {
  const command = program
    .command('track')
    .description('Track every person in a video or a folder of frames and write their poses (PoseTrack 2018 JSON by default).')
    .argument('<input>', 'video file, folder of frames, or printf pattern such as frames/%05d.png')
    .option('-o, --output <file>', 'output file (default: <input>.posetrack.json beside the input; .json or .csv)')
    .option('--frames <a:b>', 'only frames a (inclusive) to b (exclusive), 0-based', parseFrameRange)
    .option('--from <time>', 'start at this time, in seconds or [h:]m:ss (instead of --frames)', parseTimeMs('--from'))
    .option('--to <time>', 'stop before this time, in seconds or [h:]m:ss (instead of --frames)', parseTimeMs('--to'))
    .option('--draw <file.mp4>', 'also write an overlay video with boxes, skeletons and track ids')
    .option('--tiling <mode>', TILING_HELP, parseTiling, 'auto');
  addDetSizeOption(command);
  addOutputFormatOptions(command, 'output format (default: from the output name, else posetrack18)');
  addTrackSettingsOptions(command).action(async (input: string, options: TrackCliOptions) => {
    await trackCommand(input, options);
  });
}

async function trackCommand(input: string, options: TrackCliOptions): Promise<void> {
  const format = options.format ?? (options.output ? formatOf(options.output) : 'posetrack18');
  if (format === 'posetrack17' && options.keypoints === 'coco') {
    throw new CliError('PoseTrack 2017 files have no COCO layout (joint ids 0–14 only); use posetrack18 or csv for raw COCO keypoints.');
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
  await fetchMissingModels([options.detector, options.poseModel], options);

  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const progress = createProgressReporter('Tracking', 'frames');
  try {
    const settings = trackSettingsFromCli(options);
    const span = { ...options.frames, startTimeMs: options.from, endTimeMs: options.to };
    const { result, summary } = await runTracking(input, { ...trackOptionsFromSettings(settings), ...span, detectorTiling: options.tiling, detectorInputSizePx: options.detSize }, {
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      onWarning: (message) => progress.log(`posetrail: warning: ${message}`),
    });
    progress.stop();
    await writeTrackingResult(output, result, { format, keypoints: options.keypoints });
    const seconds = summary.wallMs / 1000;
    process.stdout.write(
      `Wrote ${output}: ${summary.frames} frames, ${summary.persons} poses, ${summary.tracks} tracks in ${seconds.toFixed(1)} s ` +
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

async function drawOverlay(result: TrackingResult, drawPath: string, output: string, signal: AbortSignal): Promise<void> {
  const progress = createProgressReporter('Drawing', 'frames');
  try {
    const drawn = await renderOverlayVideo(result, drawPath, { signal, onProgress: (p) => progress.update(p) });
    progress.stop();
    process.stdout.write(`Wrote ${drawPath}: overlay video, ${drawn.frames} frames.\n`);
  } catch (error) {
    progress.stop();
    if (isAbortError(error)) throw new CliError(`Cancelled the overlay video (none written); ${output} is complete.`, EXIT_CANCELLED);
    throw error;
  }
}

function formatOf(output: string): ExportFormat {
  try {
    return formatFromPath(output);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export interface ProgressReporter {
  update(progress: Progress): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

/** A progress bar on a terminal; plain periodic lines on stderr otherwise (logs, CI, pipes). */
export function createProgressReporter(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) return barReporter(label, unit, stream);
  let lastLogMs = -Infinity;
  let last: Progress | undefined;
  let stopped = false;
  const line = (p: Progress) => `${label.toLowerCase()}: ${formatProgress(p, unit)}\n`;
  return {
    update(progress) {
      last = progress;
      if (performance.now() - lastLogMs < LOG_INTERVAL_MS) return;
      lastLogMs = performance.now();
      stream.write(line(progress));
    },
    log: (text) => stream.write(`${text}\n`),
    stop() {
      if (stopped) return;
      stopped = true;
      if (last && lastLogMs !== -Infinity) stream.write(line(last));
    },
  };
}

function barReporter(label: string, unit: string, stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {value}/{total} ${unit} | {rate} | ETA {etaText}`, stream, hideCursor: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const payload = { rate: progress.rate === undefined ? '– fps' : `${progress.rate.toFixed(1)} fps`, etaText: formatDuration(progress.etaMs) };
      if (!started) {
        bar.start(Math.max(progress.total, 1), progress.done, payload);
        started = true;
      } else {
        bar.setTotal(Math.max(progress.total, progress.done, 1));
        bar.update(progress.done, payload);
      }
    },
    log: (text) => stream.write(`${started ? '\n' : ''}${text}\n`),
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** "23/230 frames (10%), 4.3 fps, ETA 0:49"; `rateUnit` null leaves the rate out. */
export function formatProgress(progress: Progress, unit: string, rateUnit: string | null = 'fps'): string {
  const percent = progress.total > 0 ? ` (${Math.floor((100 * progress.done) / progress.total)}%)` : '';
  const rate = progress.rate === undefined || rateUnit === null ? '' : `, ${progress.rate.toFixed(1)} ${rateUnit}`;
  const eta = progress.etaMs === undefined ? '' : `, ETA ${formatDuration(progress.etaMs)}`;
  return `${progress.done}/${progress.total} ${unit}${percent}${rate}${eta}`;
}

/** 75_000 → "1:15", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
