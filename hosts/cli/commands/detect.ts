import { Option, type Command } from 'commander';
import type { Box, ExecutionDevice, Frame } from '../../../core/types';
import { CliError } from '../cli-error';
import { createDetector, type Detector, type TilingOption } from '../../../core/detect/detector';
import { DEFAULT_DETECTOR_ID, DEFAULT_MIN_BOX_SCORE } from '../../../core/settings/run-defaults';
import { addDownloadOption, fetchMissingModels, type DownloadCliOption } from '../fetch-models';
import { framesOf, withInterrupt } from '../frame-input';
import {
  DEVICES,
  parseCount,
  parseFrameRange,
  parseScore,
  parseTiling,
  TILING_HELP,
  type FrameRange,
} from '../options';
import { boxJson, round, warnOnStderr } from '../output';
import { addDetSizeOption } from '../det-size-option';

interface DetectCliOptions extends DownloadCliOption {
  /** `--det-size` (see addDetSizeOption). */
  detectorInputSizePx?: number;
  frames?: FrameRange;
  detector: string;
  minScore: number;
  nmsIou?: number;
  tiling: TilingOption;
  device: ExecutionDevice;
  threads?: number;
  json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('detect')
    .description('Find people in an image or video and print their boxes per frame (image pixels).')
    .argument('<input>', 'image, video file, folder of frames, or printf pattern such as frames/%05d.png')
    .option('--frames <a:b>', 'only frames a (inclusive) to b (exclusive), 0-based', parseFrameRange)
    .option('--detector <id>', 'person detector model id or .onnx path', DEFAULT_DETECTOR_ID)
    .option('--min-score <s>', 'drop boxes scoring below s (0–1)', parseScore('--min-score'), DEFAULT_MIN_BOX_SCORE)
    .option(
      '--nms-iou <iou>',
      'suppress boxes overlapping a better one by more than this IoU (0–1)',
      parseScore('--nms-iou'),
    )
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
      inputSizePx: options.detectorInputSizePx,
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
