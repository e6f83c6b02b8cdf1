import path from 'node:path';
import { CliError, EXIT_USAGE } from './cli-error';
import type { Detector } from '../../core/detect/detector';
import type { PoseEstimator } from '../../core/pose/estimator';
import { readCocoGroundTruth } from '../../core/eval/coco/coco-files';
import { estimateImageSet, listImages } from '../../core/pipeline/image-set';
import { writeFileAtomic, assertWritableDir } from '../../core/util/fs';

export interface CocoOutOptions {
  cocoOut: string;
  cocoGt?: string;
  gtBoxes?: boolean;
}

/** Checks the COCO options before any model loads. */
export function checkCocoOptions(
  options: Partial<CocoOutOptions> & { draw?: string; json?: boolean; frames?: unknown },
): void {
  if (!options.cocoOut) {
    if (options.cocoGt || options.gtBoxes)
      throw new CliError('--coco-gt and --gt-boxes go with --coco-out <results.json>.', EXIT_USAGE);
    return;
  }
  if (options.gtBoxes && !options.cocoGt)
    throw new CliError(
      '--gt-boxes takes the person boxes from the ground truth: give --coco-gt <annotations.json>.',
      EXIT_USAGE,
    );
  if (options.draw || options.json || options.frames)
    throw new CliError('--coco-out works on images one by one: leave out --draw, --json and --frames.', EXIT_USAGE);
}

/**
 * `pose <image|folder> --coco-out results.json`: poses of unrelated images as COCO keypoint
 * results, each image on its own (no tracking), written atomically.
 */
export async function writeCocoResults(
  input: string,
  options: CocoOutOptions,
  models: { detector?: Detector; estimator: PoseEstimator },
  signal: AbortSignal,
): Promise<void> {
  await assertWritableDir(path.dirname(path.resolve(options.cocoOut)));
  let images: string[];
  try {
    images = await listImages(input);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT_USAGE);
  }
  const groundTruth = options.cocoGt ? await readCocoGroundTruth(options.cocoGt) : undefined;
  const results = await estimateImageSet({
    images,
    ...models,
    groundTruth,
    groundTruthBoxes: options.gtBoxes,
    signal,
    onImage: (file, poses) =>
      process.stderr.write(`${path.basename(file)}: ${poses.length === 1 ? '1 person' : `${poses.length} people`}\n`),
  });
  await writeFileAtomic(options.cocoOut, `${JSON.stringify(results)}\n`);
  process.stderr.write(`Wrote ${results.length} result(s) for ${images.length} image(s) to ${options.cocoOut}\n`);
}
