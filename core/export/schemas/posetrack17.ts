import { z } from 'zod';
import { MAX_TRACK_ID_EXCLUSIVE } from './posetrack18';
import { PosetrailInfoSchema } from './posetrail-info';

/**
 * PoseTrack 2017 "annolist" files (docs/formats.md): every value wrapped in a one-element list, joints
 * by id 0–14. `PoseTrack17FileSchema` accepts ground truth and predictions;
 * `PoseTrack17OutputSchema` is what our writer promises.
 */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const one = <T extends z.ZodType>(item: T) => z.array(item).length(1);

export const PoseTrack17PointSchema = z.object({
  id: one(z.number().int().min(0).max(14)),
  x: one(finite),
  y: one(finite),
  score: one(finite).optional(),
  is_visible: one(z.union([z.number(), z.boolean()])).optional(),
});

export const PoseTrack17RectSchema = z.object({
  x1: one(finite).optional(),
  y1: one(finite).optional(),
  x2: one(finite).optional(),
  y2: one(finite).optional(),
  score: one(finite).optional(),
  track_id: one(z.number().int().nonnegative()).optional(),
  annopoints: z.array(z.object({ point: z.array(PoseTrack17PointSchema).optional() })).optional(),
});

const ignoreRegion = z.object({ point: z.array(z.object({ x: one(finite), y: one(finite) })) });

export const PoseTrack17FrameSchema = z.object({
  image: one(z.object({ name: z.string() })),
  imgnum: one(z.number().int()).optional(),
  is_labeled: one(z.union([z.number(), z.boolean()])).optional(),
  annorect: z.array(PoseTrack17RectSchema).default([]),
  ignore_regions: z.array(ignoreRegion).optional(),
});

export const PoseTrack17FileSchema = z.object({
  annolist: z.array(PoseTrack17FrameSchema),
  posetrail: PosetrailInfoSchema.optional(),
});
export type PoseTrack17File = z.infer<typeof PoseTrack17FileSchema>;

export const PoseTrack17OutputSchema = z.object({
  annolist: z.array(
    PoseTrack17FrameSchema.extend({
      imgnum: one(z.number().int().positive()),
      is_labeled: one(z.union([z.literal(0), z.literal(1)])),
      annorect: z.array(
        PoseTrack17RectSchema.extend({
          x1: one(finite),
          y1: one(finite),
          x2: one(finite),
          y2: one(finite),
          score: one(finite),
          track_id: one(z.number().int().nonnegative().lt(MAX_TRACK_ID_EXCLUSIVE)),
          annopoints: one(
            z.object({ point: z.array(PoseTrack17PointSchema.extend({ score: one(finite.min(0).max(1)) })) }),
          ),
        }),
      ),
    }),
  ),
  posetrail: PosetrailInfoSchema,
});
