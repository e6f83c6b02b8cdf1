/**
 * Detector and pose accuracy on a labelled photo set: COCO keypoint AP of the poses estimated in
 * the boxes a box source gives (a detector path, or the ground truth's boxes), and the recall of
 * the labelled people by those boxes.
 */
import type { Detector } from '../../core/detect/detector';
import { boxIou } from '../../core/detect/nms';
import { evaluateCoco, type CocoKeypointReport } from '../../core/eval/coco/evaluate-coco';
import type { CocoResult } from '../../core/eval/coco/coco-files';
import { groundTruthBoxes, toCocoResult } from '../../core/pipeline/image-set';
import type { PoseEstimator } from '../../core/pose/estimator';
import type { Box, Frame } from '../../core/types';
import { probeVideo, readFrames, type ReadFramesOptions } from '../../core/video';
import { boxesFromResized, yoloxResize } from './opencv-resize';
import { imageIdOf, labelledPeople, type PhotoSet } from './photo-sets';

/** A labelled person counts as found by a box overlapping it this much (IoU). */
export const FOUND_MIN_IOU = 0.5;

/** Boxes of one image. */
export type BoxSource = (frame: Frame, imageId: number, set: PhotoSet) => Promise<Box[]>;

/** The detector on the frame as read (the pipeline's letterbox sampling). */
export const detectorBoxes =
  (detector: Detector): BoxSource =>
  (frame) =>
    detector.detect(frame);

/**
 * Reference: the frame resized as YOLOX's own pre-processing does (cv2 INTER_LINEAR to
 * int(size · r)), which the detector's letterbox then copies 1:1; boxes divided by r. Valid for
 * top-left letterbox detectors (YOLOX).
 */
export const referenceBoxes =
  (detector: Detector): BoxSource =>
  async (frame) => {
    const { image, ratio } = yoloxResize(frame, detector.inputSize);
    return boxesFromResized(await detector.detect({ ...frame, ...image, downscaled: undefined }), ratio);
  };

export const truthBoxes: BoxSource = async (_frame, imageId, set) => groundTruthBoxes(set.groundTruth, imageId);

export interface SetScore {
  report: CocoKeypointReport;
  /** Labelled people found by a box (IoU ≥ FOUND_MIN_IOU, one box per person), over all of them. */
  recall: number;
  found: number;
  people: number;
  boxes: number;
  /** Boxes per image id, for comparisons between paths. */
  boxesByImage: Map<number, Box[]>;
}

/** Labelled people of one image matched one-to-one to boxes, best IoU first. */
export function foundPeople(people: readonly Box[], boxes: readonly Box[], minIou = FOUND_MIN_IOU): number {
  const pairs = people.flatMap((person, p) => boxes.map((box, b) => ({ p, b, iou: boxIou(person, box) })));
  pairs.sort((x, y) => y.iou - x.iou);
  const usedPeople = new Set<number>();
  const usedBoxes = new Set<number>();
  for (const { p, b, iou } of pairs) {
    if (iou < minIou) break;
    if (usedPeople.has(p) || usedBoxes.has(b)) continue;
    usedPeople.add(p);
    usedBoxes.add(b);
  }
  return usedPeople.size;
}

async function readFrame(file: string, options: ReadFramesOptions): Promise<Frame> {
  const info = await probeVideo(file);
  for await (const frame of readFrames(info, { ...options, endFrame: 1 })) return frame;
  throw new Error(`${file}: no image could be decoded.`);
}

/**
 * Poses in the boxes `source` gives for every photo of `set` (read with the decoder `options`),
 * scored by COCO keypoint AP, and the recall of the labelled people by those boxes.
 */
export async function scoreSet(
  set: PhotoSet,
  estimator: PoseEstimator,
  source: BoxSource,
  options: ReadFramesOptions = {},
): Promise<SetScore> {
  const results: CocoResult[] = [];
  const boxesByImage = new Map<number, Box[]>();
  let found = 0;
  let people = 0;
  for (const file of set.files) {
    const imageId = imageIdOf(set, file);
    const frame = await readFrame(file, options);
    const boxes = await source(frame, imageId, set);
    boxesByImage.set(imageId, boxes);
    const labelled = labelledPeople(set.groundTruth, imageId).map((a) => ({
      x: a.bbox[0],
      y: a.bbox[1],
      w: a.bbox[2],
      h: a.bbox[3],
      score: 1,
    }));
    found += foundPeople(labelled, boxes);
    people += labelled.length;
    const poses = await estimator.estimate(frame, boxes);
    results.push(...poses.map((pose) => toCocoResult(imageId, pose)));
  }
  const boxes = [...boxesByImage.values()].reduce((n, b) => n + b.length, 0);
  return {
    report: evaluateCoco(set.groundTruth, results),
    recall: people ? found / people : 1,
    found,
    people,
    boxes,
    boxesByImage,
  };
}
