/**
 * The shared labelled photo sets (images/coco, coco-train, ochuman), and the same photos placed
 * into a video-sized canvas, so that the detector path of a video (a 1920×1080 frame shrunk 4.6×
 * into a 416 input) is measured on real, independently labelled people.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CocoAnnotation, CocoGroundTruth } from '../../core/eval/coco/coco-files';
import { boxIou } from '../../core/detect/nms';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveTool } from '../../core/video';
import { SHARED_ASSETS } from './assets';

export interface PhotoSet {
  name: string;
  /** Image files, each named as its ground-truth image. */
  files: string[];
  groundTruth: CocoGroundTruth;
}

export const PHOTO_SETS = {
  coco: 'images/coco/test_coco.json',
  'coco-train': 'images/coco-train/person_keypoints.json',
  ochuman: 'images/ochuman/test_ochuman.json',
} as const;
export type PhotoSetName = keyof typeof PHOTO_SETS;

export function loadPhotoSet(name: PhotoSetName): PhotoSet {
  const gtFile = path.join(SHARED_ASSETS, PHOTO_SETS[name]);
  const groundTruth = JSON.parse(readFileSync(gtFile, 'utf8')) as CocoGroundTruth;
  return {
    name,
    groundTruth,
    files: groundTruth.images.map((image) => path.join(path.dirname(gtFile), image.file_name)),
  };
}

/** The ground-truth image id of a set's file. */
export function imageIdOf(set: PhotoSet, file: string): number {
  const name = path.basename(file);
  const image = set.groundTruth.images.find((i) => path.basename(i.file_name) === name);
  if (!image) throw new Error(`${file}: no image of that name in the ${set.name} ground truth.`);
  return image.id;
}

/** The people a set labels: not crowd, with keypoints (the ones COCO AP counts). */
export function labelledPeople(groundTruth: CocoGroundTruth, imageId: number): CocoAnnotation[] {
  return groundTruth.annotations.filter(
    (a) => a.image_id === imageId && a.category_id === 1 && !a.iscrowd && a.num_keypoints > 0,
  );
}

/** COCO pixel-index coordinate → the canvas's, for a photo scaled by `scale` and moved by `offset`. */
const place = (value: number, scale: number, offset: number) => (value + 0.5) * scale + offset - 0.5;

function placeAnnotation(a: CocoAnnotation, sx: number, sy: number, left: number, top: number): CocoAnnotation {
  const keypoints = a.keypoints.map((value, i) =>
    i % 3 === 2 || (value === 0 && a.keypoints[i - (i % 3) + 2] === 0)
      ? value
      : place(value, i % 3 === 0 ? sx : sy, i % 3 === 0 ? left : top),
  );
  const [x, y, w, h] = a.bbox;
  return { ...a, keypoints, bbox: [x * sx + left, y * sy + top, w * sx, h * sy], area: a.area * sx * sy };
}

/**
 * Each photo of `set` enlarged (ffmpeg's bicubic, as a camera's scaler might) to fill `canvas` as
 * far as its aspect allows, centred on black, written as a lossless PNG in `dir`; ground truth
 * moved and scaled with it (areas too).
 */
export async function placeOnCanvas(
  set: PhotoSet,
  canvas: readonly [width: number, height: number],
  dir: string,
): Promise<PhotoSet> {
  const [canvasWidth, canvasHeight] = canvas;
  const images: CocoGroundTruth['images'] = [];
  const annotations: CocoAnnotation[] = [];
  const files = await inPairs(set.files, async (file) => {
    const imageId = imageIdOf(set, file);
    const photo = set.groundTruth.images.find((i) => i.id === imageId)!;
    if (!photo.width || !photo.height) throw new Error(`${file}: the ${set.name} ground truth gives no image size.`);
    const scale = Math.min(canvasWidth / photo.width, canvasHeight / photo.height);
    const width = Math.round(photo.width * scale);
    const height = Math.round(photo.height * scale);
    const left = Math.floor((canvasWidth - width) / 2);
    const top = Math.floor((canvasHeight - height) / 2);
    const placed = path.join(dir, `${path.parse(file).name}.png`);
    const filters = `scale=${width}:${height}:flags=bicubic,pad=${canvasWidth}:${canvasHeight}:${left}:${top}:black,format=rgb24`;
    await promisify(execFile)(resolveTool('ffmpeg').path, [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      filters,
      '-frames:v',
      '1',
      '-y',
      placed,
    ]);
    images.push({ id: imageId, file_name: path.basename(placed), width: canvasWidth, height: canvasHeight });
    const [sx, sy] = [width / photo.width, height / photo.height];
    annotations.push(
      ...set.groundTruth.annotations
        .filter((a) => a.image_id === imageId)
        .map((a) => placeAnnotation(a, sx, sy, left, top)),
    );
    return placed;
  });
  return {
    name: `${set.name} on ${canvasWidth}x${canvasHeight}`,
    files,
    groundTruth: { ...set.groundTruth, images, annotations },
  };
}

/** `work` on every item, two at a time (ffmpeg processes on a two-core machine); results in order. */
async function inPairs<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 2) results.push(...(await Promise.all(items.slice(i, i + 2).map(work))));
  return results;
}

/** A labelled pair this overlapping (box IoU), or this many labelled people, makes a photo crowded. */
const CROWDED_PAIR_IOU = 0.2;
const CROWDED_PEOPLE = 4;

/** The set reduced to its crowded photos: people overlapping one another, or many of them. */
export function crowdedPhotos(set: PhotoSet): PhotoSet {
  const files = set.files.filter((file) => {
    const boxes = labelledPeople(set.groundTruth, imageIdOf(set, file)).map((a) => ({
      x: a.bbox[0],
      y: a.bbox[1],
      w: a.bbox[2],
      h: a.bbox[3],
      score: 1,
    }));
    return (
      boxes.length >= CROWDED_PEOPLE ||
      boxes.some((a, i) => boxes.slice(i + 1).some((b) => boxIou(a, b) >= CROWDED_PAIR_IOU))
    );
  });
  return subset(set, files, `${set.name} crowded`);
}

/** The set reduced to `files`, ground truth included. */
export function subset(set: PhotoSet, files: string[], name: string): PhotoSet {
  const ids = new Set(files.map((file) => imageIdOf(set, file)));
  const { images, annotations } = set.groundTruth;
  return {
    name,
    files,
    groundTruth: {
      ...set.groundTruth,
      images: images.filter((i) => ids.has(i.id)),
      annotations: annotations.filter((a) => ids.has(a.image_id)),
    },
  };
}
