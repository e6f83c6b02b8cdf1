import { z } from 'zod';
import { describeSchemaError } from '../../export/schemas/describe-issue';
import { parseJsonText } from '../../util/json-text';
import { readTextCapped } from '../../util/read-capped';

/**
 * COCO keypoint files as published (docs/formats.md): ground truth (`images`, `annotations`,
 * `categories`) and results (a list of `{image_id, category_id, keypoints, score}`). Only what the
 * evaluation needs is required; everything else (segmentation, licences, urls) passes unread.
 */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const triples = z.array(finite).refine((k) => k.length > 0 && k.length % 3 === 0, 'must hold [x, y, v] triples');

const CocoImageSchema = z.object({
  id: z.number().int(),
  file_name: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
});

const CocoAnnotationSchema = z.object({
  id: z.number().int(),
  image_id: z.number().int(),
  category_id: z.number().int(),
  keypoints: triples,
  num_keypoints: z.number().int().nonnegative(),
  area: finite,
  bbox: z.array(finite).length(4),
  iscrowd: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
});

export const CocoGroundTruthSchema = z.object({
  images: z.array(CocoImageSchema),
  annotations: z.array(CocoAnnotationSchema),
  categories: z
    .array(z.object({ id: z.number().int(), name: z.string(), keypoints: z.array(z.string()).optional() }))
    .min(1),
});
export type CocoGroundTruth = z.infer<typeof CocoGroundTruthSchema>;
export type CocoAnnotation = z.infer<typeof CocoAnnotationSchema>;

export const CocoResultSchema = z.object({
  image_id: z.number().int(),
  category_id: z.number().int(),
  keypoints: triples,
  score: finite,
});
export const CocoResultsSchema = z.array(CocoResultSchema);
export type CocoResult = z.infer<typeof CocoResultSchema>;

async function readJson(file: string): Promise<unknown> {
  const text = await readTextCapped(file);
  return parseJsonText(text, file);
}

export async function readCocoGroundTruth(file: string): Promise<CocoGroundTruth> {
  const json = await readJson(file);
  const parsed = CocoGroundTruthSchema.safeParse(json);
  if (!parsed.success) throw new Error(describeSchemaError(file, 'COCO keypoint ground truth', parsed.error));
  const imageIds = new Set(parsed.data.images.map((i) => i.id));
  parsed.data.annotations.forEach((a, i) => {
    if (!imageIds.has(a.image_id))
      throw new Error(`${file}: annotations[${i}].image_id ${a.image_id} names no image in "images".`);
  });
  return parsed.data;
}

/** Reads a results file; every image id must be one of the ground truth's (as pycocotools asserts). */
export async function readCocoResults(file: string, groundTruth: CocoGroundTruth): Promise<CocoResult[]> {
  const json = await readJson(file);
  if (!Array.isArray(json))
    throw new Error(
      `${file}: not COCO keypoint results: expected a list of {image_id, category_id, keypoints, score}.`,
    );
  const parsed = CocoResultsSchema.safeParse(json);
  if (!parsed.success) throw new Error(describeSchemaError(file, 'COCO keypoint results file', parsed.error));
  const imageIds = new Set(groundTruth.images.map((i) => i.id));
  const keypointCount = groundTruth.annotations[0]?.keypoints.length;
  parsed.data.forEach((r, i) => {
    if (!imageIds.has(r.image_id))
      throw new Error(`${file}: [${i}].image_id ${r.image_id} is not an image of the ground truth.`);
    if (keypointCount !== undefined && r.keypoints.length !== keypointCount) {
      throw new Error(
        `${file}: [${i}].keypoints has ${r.keypoints.length / 3} keypoints; the ground truth has ${keypointCount / 3}.`,
      );
    }
  });
  return parsed.data;
}
