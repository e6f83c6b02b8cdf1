import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Box, Frame, Pose } from '../types';
import type { Detector } from '../detect/detector';
import type { PoseEstimator } from '../pose/estimator';
import { probeVideo, readFrames } from '../video';
import { isFrameFile } from '../media-extensions';
import { framesOfFolder } from '../video/sequence';
import type { CocoGroundTruth, CocoResult } from '../eval/coco/coco-files';

/**
 * COCO keypoint coordinates are pixel indices (the centre of the first pixel is 0); ours are
 * continuous (that centre is 0.5), as Detectron converts them.
 */
const COCO_PIXEL_OFFSET = 0.5;
const PERSON_CATEGORY_ID = 1;

export interface ImageSetOptions {
  images: readonly string[];
  estimator: PoseEstimator;
  /** Finds the people; not used with `groundTruthBoxes`. */
  detector?: Detector;
  /** Gives image ids by file name, and the boxes for `groundTruthBoxes`. */
  groundTruth?: CocoGroundTruth;
  /** Estimate poses in the ground truth's person boxes instead of detected ones. */
  groundTruthBoxes?: boolean;
  signal?: AbortSignal;
  onImage?: (file: string, poses: readonly Pose[]) => void;
}

/** The image files of a file or folder argument, in natural order. */
export async function listImages(input: string): Promise<string[]> {
  const stat = await fs.stat(input).catch(() => null);
  if (!stat) throw new Error(`${input} does not exist.`);
  if (stat.isDirectory()) return framesOfFolder(input);
  if (!isFrameFile(input)) throw new Error(`${input} is not a .jpg or .png image.`);
  return [input];
}

/**
 * Estimates poses on unrelated images (each read at its own size, no tracking between them) and
 * returns them as COCO keypoint results. With ground truth, each image takes the id of the
 * ground-truth image with the same file name; without, a numeric file name is the id (COCO's
 * 000000000785.jpg → 785), else the image's 1-based position in the list.
 */
export async function estimateImageSet(options: ImageSetOptions): Promise<CocoResult[]> {
  const { images, estimator, detector, groundTruth } = options;
  if (estimator.schema.id !== 'coco17')
    throw new Error(
      `COCO results need a COCO-17 pose model; ${estimator.manifest.id} gives ${estimator.schema.id} keypoints.`,
    );
  if (options.groundTruthBoxes && !groundTruth)
    throw new Error('Ground-truth boxes need COCO ground truth (--coco-gt).');
  if (!options.groundTruthBoxes && !detector)
    throw new Error('A detector is needed unless ground-truth boxes are used.');
  const results: CocoResult[] = [];
  for (const [index, file] of images.entries()) {
    const imageId = imageIdOf(file, index, groundTruth);
    const frame = await readImage(file, options.signal);
    const boxes = options.groundTruthBoxes ? groundTruthBoxes(groundTruth!, imageId) : await detector!.detect(frame);
    const poses = await estimator.estimate(frame, boxes);
    options.onImage?.(file, poses);
    results.push(...poses.map((pose) => toCocoResult(imageId, pose)));
  }
  return results;
}

function imageIdOf(file: string, index: number, groundTruth: CocoGroundTruth | undefined): number {
  const name = path.basename(file);
  if (groundTruth) {
    const image = groundTruth.images.find((i) => path.basename(i.file_name) === name);
    if (!image) throw new Error(`${file}: no image named ${name} in the COCO ground truth.`);
    return image.id;
  }
  const stem = path.parse(name).name;
  return /^\d+$/.test(stem) ? Number(stem) : index + 1;
}

/** Person boxes of the image's annotated people (not crowds, with keypoints), score 1. */
export function groundTruthBoxes(groundTruth: CocoGroundTruth, imageId: number): Box[] {
  return groundTruth.annotations
    .filter((a) => a.image_id === imageId && a.category_id === PERSON_CATEGORY_ID && !a.iscrowd && a.num_keypoints > 0)
    .map((a) => ({ x: a.bbox[0], y: a.bbox[1], w: a.bbox[2], h: a.bbox[3], score: 1 }));
}

export async function readImage(file: string, signal?: AbortSignal): Promise<Frame> {
  const info = await probeVideo(file, { signal });
  for await (const frame of readFrames(info, { signal })) return frame;
  throw new Error(`${file}: no image could be decoded.`);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function toCocoResult(imageId: number, pose: Pose): CocoResult {
  return {
    image_id: imageId,
    category_id: PERSON_CATEGORY_ID,
    keypoints: pose.keypoints.flatMap(([x, y, s]) => [
      round(x - COCO_PIXEL_OFFSET, 2),
      round(y - COCO_PIXEL_OFFSET, 2),
      round(s, 4),
    ]),
    score: round(pose.score, 5),
  };
}
