import { COCO17 } from '../../keypoints/schema';
import { accumulate } from './accumulate';
import {
  readCocoGroundTruth,
  readCocoResults,
  type CocoAnnotation,
  type CocoGroundTruth,
  type CocoResult,
} from './coco-files';
import { matchImage, type ImageMatch, type MatchDetection, type MatchGroundTruth } from './match-image';
import { cocoOksMatrix } from './object-keypoint-similarity';

/** OKS thresholds 0.50:0.05:0.95 (np.linspace(.5, .95, 10)). */
export const OKS_THRESHOLDS = Array.from({ length: 10 }, (_, i) => (i === 9 ? 0.95 : 0.5 + i * ((0.95 - 0.5) / 9)));
/** pycocotools keeps the 20 best-scored detections per image for keypoints. */
export const MAX_DETECTIONS_PER_IMAGE = 20;
/** Object area ranges in px²: all, medium (32²–96²), large (> 96²). */
export const AREA_RANGES = {
  all: [0, 1e10],
  medium: [32 ** 2, 96 ** 2],
  large: [96 ** 2, 1e10],
} as const satisfies Record<string, readonly [number, number]>;
type AreaName = keyof typeof AREA_RANGES;

/** COCO keypoint metrics, 0–1 as pycocotools prints them; −1 where undefined (nothing to find). */
export interface CocoKeypointReport {
  images: number;
  /** Ground-truth people that count (not crowd, with keypoints). */
  groundTruthPeople: number;
  detections: number;
  ap: number;
  ap50: number;
  ap75: number;
  apMedium: number;
  apLarge: number;
  ar: number;
  ar50: number;
  ar75: number;
  arMedium: number;
  arLarge: number;
}

export async function evaluateCocoFiles(groundTruthFile: string, resultsFile: string): Promise<CocoKeypointReport> {
  const groundTruth = await readCocoGroundTruth(groundTruthFile);
  return evaluateCoco(groundTruth, await readCocoResults(resultsFile, groundTruth));
}

/**
 * COCO keypoint AP/AR exactly as pycocotools' COCOeval with iouType 'keypoints': OKS with the
 * COCO sigmas and s² = the annotation's area, crowd and keypoint-less people ignored (they may
 * absorb a detection but are never missed), a result's area the extent of its keypoints, at
 * most 20 detections per image, every category of the ground truth evaluated and averaged.
 */
export function evaluateCoco(groundTruth: CocoGroundTruth, results: readonly CocoResult[]): CocoKeypointReport {
  const imageIds = groundTruth.images.map((i) => i.id).sort((a, b) => a - b);
  const categoryIds = groundTruth.categories.map((c) => c.id).sort((a, b) => a - b);
  const detections = results.map((r, i) => ({ ...r, id: i + 1, area: keypointExtentArea(r.keypoints) }));
  const perArea = new Map<AreaName, { precision: number[][]; recall: number[] }[]>();
  for (const name of Object.keys(AREA_RANGES) as AreaName[]) perArea.set(name, []);
  const gtsOf = groupBy(groundTruth.annotations, (a) => `${a.image_id}/${a.category_id}`);
  const detsOf = groupBy(detections, (d) => `${d.image_id}/${d.category_id}`);
  for (const categoryId of categoryIds) {
    const images = imageIds.map((imageId) => {
      const gts = gtsOf.get(`${imageId}/${categoryId}`) ?? [];
      const dets = detsOf.get(`${imageId}/${categoryId}`) ?? [];
      return { gts, dets, similarity: similarityOf(gts, dets) };
    });
    for (const [name, range] of Object.entries(AREA_RANGES) as [AreaName, readonly [number, number]][]) {
      const matches: (ImageMatch | null)[] = images.map(({ gts, dets, similarity }) =>
        matchImage(
          gts.map(toMatchGroundTruth),
          dets as MatchDetection[],
          similarity,
          range,
          OKS_THRESHOLDS,
          MAX_DETECTIONS_PER_IMAGE,
        ),
      );
      const accumulated = accumulate(matches, OKS_THRESHOLDS.length);
      if (accumulated) perArea.get(name)!.push(accumulated);
    }
  }
  const ap = (area: AreaName, t?: number) =>
    meanOrMinusOne(perArea.get(area)!.flatMap((c) => (t === undefined ? c.precision : [c.precision[t]]).flat()));
  const ar = (area: AreaName, t?: number) =>
    meanOrMinusOne(perArea.get(area)!.flatMap((c) => (t === undefined ? c.recall : [c.recall[t]])));
  const at75 = OKS_THRESHOLDS.indexOf(0.75);
  return {
    images: imageIds.length,
    groundTruthPeople: groundTruth.annotations.filter((a) => !isIgnored(a)).length,
    detections: results.length,
    ap: ap('all'),
    ap50: ap('all', 0),
    ap75: ap('all', at75),
    apMedium: ap('medium'),
    apLarge: ap('large'),
    ar: ar('all'),
    ar50: ar('all', 0),
    ar75: ar('all', at75),
    arMedium: ar('medium'),
    arLarge: ar('large'),
  };
}

/** OKS [detection][ground truth] of one image and category, in the order given. */
function similarityOf(gts: CocoAnnotation[], dets: { score: number; keypoints: number[] }[]): number[][] {
  if (gts.length === 0 || dets.length === 0) return dets.map(() => []);
  const sigmas = sigmasFor(gts[0].keypoints.length / 3);
  return cocoOksMatrix(
    dets.map((d) => d.keypoints),
    gts,
    sigmas,
  );
}

function sigmasFor(keypointCount: number): readonly number[] {
  if (keypointCount !== COCO17.sigmas.length)
    throw new Error(`COCO keypoint evaluation needs the 17 COCO keypoints; the ground truth has ${keypointCount}.`);
  return COCO17.sigmas;
}

const isIgnored = (a: CocoAnnotation) => Boolean(a.iscrowd) || a.num_keypoints === 0;

function toMatchGroundTruth(a: CocoAnnotation): MatchGroundTruth {
  return { id: a.id, area: a.area, ignore: isIgnored(a), crowd: Boolean(a.iscrowd) };
}

/** A result's area as pycocotools' loadRes sets it: the box around all its keypoints. */
export function keypointExtentArea(keypoints: readonly number[]): number {
  const xs = keypoints.filter((_, i) => i % 3 === 0);
  const ys = keypoints.filter((_, i) => i % 3 === 1);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function meanOrMinusOne(values: number[]): number {
  const defined = values.filter((v) => v > -1);
  return defined.length ? defined.reduce((s, v) => s + v, 0) / defined.length : -1;
}
