import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Box, ExecutionDevice, Frame, Pose } from '../../../core/types';
import { CliError, EXIT_USAGE } from '../cli-error';
import { createDetector, type Detector, type TilingOption } from '../../../core/detect/detector';
import { createPoseEstimator, type PoseEstimator } from '../../../core/pose/estimator';
import { drawPoses } from '../../../core/render/draw';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../../../core/keypoints/visibility';
import {
  COCO_RESULTS_MIN_BOX_SCORE,
  DEFAULT_DETECTOR_ID,
  DEFAULT_MIN_BOX_SCORE,
  DEFAULT_POSE_MODEL_ID,
} from '../../../core/settings/run-defaults';
import { isFrameFile } from '../../../core/media-extensions';
import { writeImage } from '../../../core/video';
import { assertWritableDir } from '../../../core/util/fs';
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
import { boxJson, round, roundScore, warnOnStderr } from '../output';
import { checkCocoOptions, writeCocoResults, type CocoOutOptions } from '../coco-results';
import { addDetSizeOption } from '../det-size-option';

interface PoseCliOptions extends DownloadCliOption, Partial<CocoOutOptions> {
  frames?: FrameRange;
  draw?: string;
  json?: boolean;
  detector: string;
  poseModel: string;
  flip: boolean;
  refine: 'quarter' | 'dark';
  /** Unset: DEFAULT_MIN_BOX_SCORE, or COCO_RESULTS_MIN_BOX_SCORE with --coco-out. */
  minScore?: number;
  tiling: TilingOption;
  minKeypointScore: number;
  device: ExecutionDevice;
  threads?: number;
  /** `--det-size` (see addDetSizeOption). */
  detectorInputSizePx?: number;
}

export function register(program: Command): void {
  const command = program
    .command('pose')
    .description(
      'Detect people and estimate their 17 keypoints in an image or video; draw boxes and skeletons, or print them.',
    )
    .argument('<input>', 'image, video file, folder of frames, or printf pattern such as frames/%05d.png')
    .option('--frames <a:b>', 'only frames a (inclusive) to b (exclusive), 0-based', parseFrameRange)
    .option('--draw <out>', 'write drawings: one .png/.jpg file for a single frame, or a folder (one PNG per frame)')
    .option('--json', 'print the poses of every frame as one JSON document')
    .option(
      '--coco-out <file>',
      'estimate each image of <input> (an image or a folder) on its own and write COCO keypoint results',
    )
    .option('--coco-gt <file>', 'with --coco-out: COCO ground truth giving the image ids (by file name)')
    .option(
      '--gt-boxes',
      "with --coco-out: use the ground truth's person boxes instead of the detector (tells pose error from detection error)",
    )
    .option('--detector <id>', 'person detector model id or .onnx path', DEFAULT_DETECTOR_ID)
    .option('--pose-model <id>', 'pose model id or .onnx path', DEFAULT_POSE_MODEL_ID)
    .option('--flip', 'flip test: average each pose with its mirror image (twice the pose work)', false)
    .addOption(
      new Option('--refine <method>', 'sub-pixel refinement of heatmap peaks')
        .choices(['quarter', 'dark'])
        .default('quarter'),
    )
    .option(
      '--min-score <s>',
      `drop person boxes scoring below s (0–1; default ${DEFAULT_MIN_BOX_SCORE}, ${COCO_RESULTS_MIN_BOX_SCORE} with --coco-out)`,
      parseScore('--min-score'),
    )
    .option('--tiling <mode>', TILING_HELP, parseTiling, 'auto')
    .option(
      '--min-keypoint-score <s>',
      'joints below s are not drawn (0–1)',
      parseScore('--min-keypoint-score'),
      MIN_VISIBLE_KEYPOINT_SCORE,
    )
    .addOption(new Option('--device <device>', 'execution device').choices(DEVICES).default('auto'))
    .option('--threads <n>', 'CPU threads per model (default: all cores)', parseCount('--threads'));
  addDownloadOption(addDetSizeOption(command)).action(async (input: string, options: PoseCliOptions) => {
    await withInterrupt((signal) => poseCommand(input, options, signal));
  });
}

/** Where drawings go: one named image, or a folder of frame_NNNNNN.png. */
type DrawTarget = { kind: 'file'; path: string } | { kind: 'folder'; path: string };

async function drawTarget(out: string): Promise<DrawTarget> {
  const resolved = path.resolve(out);
  const isDir = await fs.stat(resolved).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir && !/[\\/]$/.test(out) && path.extname(resolved) !== '') {
    if (!isFrameFile(resolved)) {
      throw new CliError(`--draw ${out}: give a .png or .jpg file for one frame, or a folder for several.`, EXIT_USAGE);
    }
    await assertWritableDir(path.dirname(resolved));
    return { kind: 'file', path: resolved };
  }
  await assertWritableDir(resolved);
  return { kind: 'folder', path: resolved };
}

async function poseCommand(input: string, options: PoseCliOptions, signal: AbortSignal): Promise<void> {
  checkCocoOptions(options);
  if (options.cocoOut) {
    // Ground-truth boxes replace the detector: it is not even loaded.
    const { detector, estimator } = await loadModels(options, !options.gtBoxes);
    try {
      await writeCocoResults(input, { ...options, cocoOut: options.cocoOut }, { detector, estimator }, signal);
    } finally {
      await Promise.all([detector?.dispose(), estimator.dispose()]);
    }
    return;
  }
  if (!options.draw && !options.json) {
    throw new CliError(
      'Nothing to do: give --draw <file or folder> to draw the poses, --json to print them, or --coco-out <file> for COCO results.',
      EXIT_USAGE,
    );
  }
  const target = options.draw ? await drawTarget(options.draw) : undefined;
  const { detector, estimator } = await loadModels(options);
  try {
    const frames: { frame: number; timeMs: number; poses: unknown[] }[] = [];
    let source = input;
    let drawn = 0;
    for await (const { info, frame } of framesOf(input, options.frames ?? {}, signal)) {
      source = info.path;
      if (target?.kind === 'file' && drawn > 0) {
        throw new CliError(
          `--draw ${options.draw} is a single image but more than one frame was selected: use --frames ${frame.index - 1}:${frame.index} or give a folder.`,
          EXIT_USAGE,
        );
      }
      const poses = await estimator.estimate(frame, await detector.detect(frame));
      if (target) {
        await drawFrame(frame, poses, estimator, options, target);
        drawn++;
      }
      if (options.json)
        frames.push({ frame: frame.index, timeMs: round(frame.timestampMs), poses: poses.map(poseJson) });
      else
        process.stderr.write(`frame ${frame.index}: ${poses.length === 1 ? '1 person' : `${poses.length} people`}\n`);
    }
    if (options.json) {
      const document = {
        input: source,
        detector: detector.manifest.id,
        poseModel: estimator.manifest.id,
        keypoints: estimator.schema.names,
        frames,
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    }
    if (target) process.stderr.write(`Drew ${drawn} frame${drawn === 1 ? '' : 's'} into ${target.path}\n`);
  } finally {
    await Promise.all([detector.dispose(), estimator.dispose()]);
  }
}

async function loadModels(options: PoseCliOptions): Promise<{ detector: Detector; estimator: PoseEstimator }>;
async function loadModels(
  options: PoseCliOptions,
  withDetector: boolean,
): Promise<{ detector?: Detector; estimator: PoseEstimator }>;
async function loadModels(
  options: PoseCliOptions,
  withDetector = true,
): Promise<{ detector?: Detector; estimator: PoseEstimator }> {
  await fetchMissingModels(withDetector ? [options.detector, options.poseModel] : [options.poseModel], options);
  const common = { device: options.device, threads: options.threads, onWarning: warnOnStderr };
  const [detector, estimator] = await Promise.allSettled([
    withDetector
      ? createDetector({
          ...common,
          model: options.detector,
          minScore: options.minScore ?? (options.cocoOut ? COCO_RESULTS_MIN_BOX_SCORE : DEFAULT_MIN_BOX_SCORE),
          tiling: options.tiling,
          inputSizePx: options.detectorInputSizePx,
        })
      : Promise.resolve(undefined),
    createPoseEstimator({ ...common, model: options.poseModel, flipTest: options.flip, refine: options.refine }),
  ]);
  if (detector.status === 'fulfilled' && estimator.status === 'fulfilled')
    return { detector: detector.value, estimator: estimator.value };
  if (detector.status === 'fulfilled') await detector.value?.dispose();
  if (estimator.status === 'fulfilled') await estimator.value.dispose();
  const failed = detector.status === 'rejected' ? detector.reason : (estimator as PromiseRejectedResult).reason;
  throw new CliError(failed instanceof Error ? failed.message : String(failed));
}

async function drawFrame(
  frame: Frame,
  poses: Pose[],
  estimator: PoseEstimator,
  options: PoseCliOptions,
  target: DrawTarget,
): Promise<void> {
  const rgb = drawPoses(frame, poses, { schema: estimator.schema, minKeypointScore: options.minKeypointScore });
  const file =
    target.kind === 'file' ? target.path : path.join(target.path, `frame_${String(frame.index).padStart(6, '0')}.png`);
  await writeImage(file, rgb, frame.width, frame.height);
}

function poseJson(pose: Pose): { box: Box; score: number; keypoints: number[][] } {
  return {
    box: boxJson(pose.box),
    score: roundScore(pose.score),
    keypoints: pose.keypoints.map(([x, y, s]) => [round(x), round(y), roundScore(s)]),
  };
}
