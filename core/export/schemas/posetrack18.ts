import { z } from 'zod';
import { PosetrailAnnotationSchema, PosetrailInfoSchema } from './posetrail-info';

/**
 * PoseTrack 2018 (COCO-like) files, see docs/formats.md. Two levels:
 * - `PoseTrack18FileSchema` accepts any PoseTrack 2018 file (official ground truth, other tools'
 *   predictions): only what the importer and the evaluation need is required.
 * - `PoseTrack18OutputSchema` is what our writer promises: every field the official evaluation
 *   needs, present and well-formed.
 */
/** PoseTrack's evaluation rejects track ids ≥ 10000; the tracker's ids wrap below this bound. */
export const MAX_TRACK_ID_EXCLUSIVE = 10_000;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const box = z.array(finite).length(4);
const polygonList = z.array(z.array(finite));

export const PoseTrack18ImageSchema = z.object({
  id: z.number().int(),
  file_name: z.string(),
  vid_id: z.union([z.string(), z.number()]).optional(),
  frame_id: z.number().int().optional(),
  nframes: z.number().int().nonnegative().optional(),
  is_labeled: z.boolean().optional(),
  ignore_regions_x: polygonList.optional(),
  ignore_regions_y: polygonList.optional(),
});

export const PoseTrack18AnnotationSchema = z.object({
  id: z.number().int().optional(),
  image_id: z.number().int(),
  category_id: z.number().int().optional(),
  track_id: z.number().int().nonnegative().optional(),
  bbox: box.optional(),
  bbox_head: box.optional(),
  keypoints: z
    .array(finite)
    .refine((k) => k.length % 3 === 0, 'must hold [x, y, v] triples')
    .optional(),
  scores: z.array(finite).optional(),
  score: finite.optional(),
  posetrail: PosetrailAnnotationSchema.optional(),
});

export const PoseTrack18CategorySchema = z.object({
  id: z.number().int().optional(),
  name: z.string(),
  supercategory: z.string().optional(),
  keypoints: z.array(z.string()),
  skeleton: z.array(z.array(z.number().int().positive()).length(2)).optional(),
});

export const PoseTrack18FileSchema = z.object({
  images: z.array(PoseTrack18ImageSchema),
  annotations: z.array(PoseTrack18AnnotationSchema),
  categories: z.array(PoseTrack18CategorySchema).optional(),
  posetrail: PosetrailInfoSchema.optional(),
});
export type PoseTrack18File = z.infer<typeof PoseTrack18FileSchema>;

const KEYPOINT_COUNT = 17;

export const PoseTrack18OutputSchema = z.object({
  images: z.array(
    PoseTrack18ImageSchema.extend({
      vid_id: z.string(),
      frame_id: z.number().int().nonnegative(),
      nframes: z.number().int().nonnegative(),
      is_labeled: z.boolean(),
      file_name: z.string().regex(/^images\/[^/]+\/\d{6}\.jpg$/, 'must look like images/<video>/000000.jpg'),
    }),
  ),
  annotations: z.array(
    PoseTrack18AnnotationSchema.extend({
      id: z.number().int().nonnegative(),
      category_id: z.literal(1),
      track_id: z.number().int().nonnegative().lt(MAX_TRACK_ID_EXCLUSIVE),
      bbox: box,
      bbox_head: box,
      keypoints: z.array(finite).length(3 * KEYPOINT_COUNT),
      scores: z.array(finite.min(0).max(1)).length(KEYPOINT_COUNT),
      score: finite,
    }),
  ),
  categories: z
    .array(
      PoseTrack18CategorySchema.extend({
        id: z.literal(1),
        name: z.literal('person'),
        keypoints: z.array(z.string()).length(KEYPOINT_COUNT),
        skeleton: z.array(z.array(z.number().int().min(1).max(KEYPOINT_COUNT)).length(2)).min(1),
      }),
    )
    .length(1),
  posetrail: PosetrailInfoSchema,
});
