import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Box, ExecutionDevice, Frame, VideoInfo } from '../../types';
import { CliError } from '../main';
import { createDetector, parseTilingSpec, type Detector, type TilingOption } from '../../detect';
import { DEFAULT_DETECTOR_ID, DEFAULT_MIN_BOX_SCORE } from '../../models/defaults';
import { isVideoError, probeVideo, readFrames } from '../../video';
import { parseCount, parseFrameRange } from './track';
import { addDownloadOption, fetchMissingModels, type DownloadCliOption } from '../fetch-models';
import { addDetSizeOption } from '../det-size-option';

export const DEVICES: readonly ExecutionDevice[] = ['auto', 'cpu', 'cuda', 'webgpu', 'dml', 'coreml'];
/** Printed precision: hundredths of a pixel (and of a millisecond) for positions, thousandths for scores. */
const POSITION_DECIMALS = 2;
const SCORE_DECIMALS = 3;

export type FrameRange = { startFrame?: number; endFrame?: number };

/** A number in [0, 1] for score options. */
export function parseScore(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError(`${flag} needs a number from 0 to 1, got "${value}".`);
    return n;
  };
}

export function round(value: number): number {
  return Number(value.toFixed(POSITION_DECIMALS));
}

export function roundScore(value: number): number {
  return Number(value.toFixed(SCORE_DECIMALS));
}

export function boxJson(box: Box): Box {
  return { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h), score: roundScore(box.score) };
}

/** Probes the input and yields the selected frames; video errors become one-line CLI errors. */
export async function* framesOf(input: string, range: FrameRange, signal: AbortSignal): AsyncGenerator<{ info: VideoInfo; frame: Frame }> {
  let info: VideoInfo;
  try {
    info = await probeVideo(input, { signal });
  } catch (error) {
    if (isVideoError(error)) throw new CliError(error.message, error.code === 'INVALID_ARGUMENT' ? 2 : 1);
    throw error;
  }
  if (range.startFrame !== undefined && range.startFrame >= info.frameCount) {
    throw new CliError(`--frames starts at ${range.startFrame} but ${info.path} has ${info.frameCount} frames (0–${info.frameCount - 1}).`, 2);
  }
  const endFrame = range.endFrame === undefined ? undefined : Math.min(range.endFrame, info.frameCount);
  try {
    for await (const frame of readFrames(info, { ...range, endFrame, signal })) yield { info, frame };
  } catch (error) {
    if (isVideoError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Ctrl-C stops the current command cleanly: the frame reader and its ffmpeg process end. */
export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', cancel);
  }
}

/** `--tiling auto|off|CxR[@overlap]` for the commands that run the detector. */
export function parseTiling(value: string): TilingOption {
  try {
    return parseTilingSpec(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export const TILING_HELP = 'detector tiling for small people in large frames: auto, off, or a grid CxR[@overlap] such as 3x2';

export const warnOnStderr = (message: string) => process.stderr.write(`posetrail: warning: ${message}\n`);

interface DetectCliOptions extends DownloadCliOption {
  frames?: FrameRange;
  detector: string;
  minScore: number;
  nmsIou?: number;
  tiling: TilingOption;
  device: ExecutionDevice;
  threads?: number;
  json?: boolean;
  detSize?: number;
}

export function register(program: Command): void {
  const command = program
    .command('detect')
    .description('Find people in an image or video and print their boxes per frame (image pixels).')
    .argument('<input>', 'image, video file, folder of frames, or printf pattern such as frames/%05d.png')
    .option('--frames <a:b>', 'only frames a (inclusive) to b (exclusive), 0-based', parseFrameRange)
    .option('--detector <id>', 'person detector model id or .onnx path', DEFAULT_DETECTOR_ID)
    .option('--min-score <s>', 'drop boxes scoring below s (0–1)', parseScore('--min-score'), DEFAULT_MIN_BOX_SCORE)
    .option('--nms-iou <iou>', 'suppress boxes overlapping a better one by more than this IoU (0–1)', parseScore('--nms-iou'))
    .option('--tiling <mode>', TILING_HELP, parseTiling, 'auto')
    .addOption(new Option('--device <device>', 'execution device').choices(DEVICES).default('auto'))
    .option('--threads <n>', 'CPU threads for the model (default: all cores)', parseCount('--threads'))
    .option('--json', 'print one JSON document instead of a line per frame');
  addDownloadOption(addDetSizeOption(command)).action(async (input: string, options: DetectCliOptions) => {
    await withInterrupt((signal) => detectCommand(input, options, signal));
  });
}

async function detectCommand(input: string, options: DetectCliOptions, signal: AbortSignal): Promise<void> {
  await fetchMissingModels([options.detector], options);
  let detector: Detector;
  try {
    detector = await createDetector({
      model: options.detector,
      device: options.device,
      threads: options.threads,
      minScore: options.minScore,
      nmsIou: options.nmsIou,
      tiling: options.tiling,
      inputSizePx: options.detSize,
      onWarning: warnOnStderr,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  try {
    const frames: { frame: number; timeMs: number; boxes: Box[] }[] = [];
    let source = input;
    for await (const { info, frame } of framesOf(input, options.frames ?? {}, signal)) {
      source = info.path;
      const boxes = (await detector.detect(frame)).map(boxJson);
      if (options.json) frames.push({ frame: frame.index, timeMs: round(frame.timestampMs), boxes });
      else process.stdout.write(`${frameLine(frame, boxes)}\n`);
    }
    if (options.json) {
      const document = { input: source, detector: detector.manifest.id, provider: detector.provider, frames };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    }
  } finally {
    await detector.dispose();
  }
}

function frameLine(frame: Frame, boxes: Box[]): string {
  const people = boxes.length === 1 ? '1 person' : `${boxes.length} people`;
  const list = boxes.map((b) => `[x ${b.x} y ${b.y} w ${b.w} h ${b.h} score ${b.score}]`).join(' ');
  return `frame ${frame.index} (${round(frame.timestampMs)} ms): ${people}${list ? ` ${list}` : ''}`;
}
