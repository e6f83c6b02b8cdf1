import { z } from 'zod';
import { MAX_FOLLOW_FRAMES } from './track-edit';

/**
 * Schemas of the review edits (frame ranges, single poses, keypoints, problem marks, filters),
 * spread into TrackEditSchema's union.
 */

const TrackIdSchema = z.number().int().nonnegative();
const FrameIndexSchema = z.number().int().nonnegative();
const MAX_PROBLEM_ID_CHARS = 200;

export const FilterSettingsSchema = z.object({
  smooth: z.enum(['none', 'one-euro', 'savgol']),
  oneEuroMinCutoffHz: z.number().positive().max(1000),
  oneEuroBeta: z.number().min(0).max(1000),
  savgolWindowFrames: z
    .number()
    .int()
    .min(3)
    .max(301)
    .refine((n) => n % 2 === 1, 'must be odd'),
  savgolOrder: z.number().int().min(0).max(6),
  maxGapFrames: z.number().int().min(0).max(10_000),
  gapMethod: z.enum(['linear', 'cubic']),
});

export const RANGE_EDIT_SCHEMAS = [
  z.object({
    kind: z.literal('deleteRange'),
    trackId: TrackIdSchema,
    fromFrameIndex: FrameIndexSchema,
    toFrameIndex: FrameIndexSchema,
  }),
  z.object({
    kind: z.literal('reassignRange'),
    trackId: TrackIdSchema,
    fromFrameIndex: FrameIndexSchema,
    toFrameIndex: FrameIndexSchema,
    targetId: TrackIdSchema.optional(),
  }),
  z.object({
    kind: z.literal('givePose'),
    frameIndex: FrameIndexSchema,
    fromTrackId: TrackIdSchema,
    toTrackId: TrackIdSchema,
  }),
  z.object({
    kind: z.literal('keypoint'),
    trackId: TrackIdSchema,
    frameIndex: FrameIndexSchema,
    keypointIndex: z.number().int().min(0).max(255),
    x: z.number().finite().optional(),
    y: z.number().finite().optional(),
    visibility: z.enum(['visible', 'occluded', 'absent']).optional(),
  }),
  z.object({
    kind: z.literal('review'),
    problemId: z.string().min(1).max(MAX_PROBLEM_ID_CHARS),
    reviewed: z.boolean(),
  }),
  z.object({ kind: z.literal('setFilters'), filters: FilterSettingsSchema }),
] as const;

/** Keypoints one added pose may have (whole-body schemas have 133). */
const MAX_ADDED_KEYPOINTS = 256;

const BoxSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
});

const AddedPoseSchema = z.object({
  frameIndex: FrameIndexSchema,
  box: BoxSchema,
  keypoints: z
    .array(z.tuple([z.number().finite(), z.number().finite(), z.number().min(0).max(1)]))
    .min(1)
    .max(MAX_ADDED_KEYPOINTS),
  score: z.number().min(0).max(1),
});

export const ADD_POSES_SCHEMA = z.object({
  kind: z.literal('addPoses'),
  trackId: TrackIdSchema.optional(),
  poses: z
    .array(AddedPoseSchema)
    .min(1)
    .max(MAX_FOLLOW_FRAMES + 1),
});

export const AddPersonRequestSchema = z.object({
  frameIndex: FrameIndexSchema,
  box: BoxSchema,
  trackId: TrackIdSchema.optional(),
  followFrames: z.number().int().min(0).max(MAX_FOLLOW_FRAMES),
});
