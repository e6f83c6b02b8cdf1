import { z } from 'zod';
import { KEYPOINT_SCHEMA_IDS } from '../../types';

/** Our own VideoInfo, as embedded in exported files so they reopen with the same timing. */
export const VideoInfoSchema = z.object({
  path: z.string(),
  kind: z.enum(['video', 'image-sequence']),
  width: z.number(),
  height: z.number(),
  fps: z.object({ num: z.number(), den: z.number() }),
  frameCount: z.number().int().nonnegative(),
  durationMs: z.number(),
  codec: z.string(),
  pixelFormat: z.string(),
  rotationDeg: z.number(),
  variableFrameRate: z.boolean(),
  frameTimesMs: z.array(z.number()),
  frameFiles: z.array(z.string()).optional(),
});

/** A stitching join (TrackJoin) as written in files: the piece `piece_id` continues `track_id`. */
export const PosetrailJoinSchema = z.object({
  track_id: z.number().int().nonnegative(),
  piece_id: z.number().int().nonnegative(),
  end_frame: z.number().int().nonnegative(),
  start_frame: z.number().int().nonnegative(),
  gap_frames: z.number().int().nonnegative(),
  distance: z.number(),
  appearance: z.number().nullable(),
  cost: z.number(),
});
export type PosetrailJoin = z.infer<typeof PosetrailJoinSchema>;

/**
 * The top-level `posetrail` object of an exported file: which layout the keypoints use, which
 * slots were derived rather than predicted, and what is needed to reopen the file as the same
 * TrackingResult. Evaluation tools ignore it.
 */
export const PosetrailInfoSchema = z.object({
  format_version: z.literal(1),
  /** Layout of `keypoints` in this file. */
  keypoint_schema: z.enum(KEYPOINT_SCHEMA_IDS),
  /** Layout the pose model produced. */
  source_schema: z.enum(KEYPOINT_SCHEMA_IDS),
  /** Keypoint names computed from other keypoints, not predicted (e.g. head_bottom, head_top). */
  derived_keypoints: z.array(z.string()),
  video: VideoInfoSchema,
  models: z.object({ detector: z.string(), pose: z.string() }),
  execution_provider: z.string().optional(),
  /** Names people gave tracks in the app, by track id (JSON object keys are strings). */
  track_names: z.record(z.string(), z.string()).optional(),
  /** Meaning of the bits in the annotations' `keypoint_flags` (edited, filled, smoothed, occluded, added). */
  keypoint_flag_bits: z.record(z.string(), z.number().int()).optional(),
  /** Track pieces stitched into one identity, by start frame; absent when nothing was joined. */
  joins: z.array(PosetrailJoinSchema).optional(),
});
export type PosetrailInfo = z.infer<typeof PosetrailInfoSchema>;

/** Per-annotation extras: what TrackingResult holds beyond the PoseTrack fields. */
export const PosetrailAnnotationSchema = z.object({
  box_score: z.number(),
  source: z.enum(['detector', 'propagated']).optional(),
  /** The model's own COCO-17 output, [x, y, score] × 17, when `keypoints` were converted. */
  keypoints_coco: z.array(z.number()).optional(),
  /** One bitmask per slot of `keypoints` (see `posetrail.keypoint_flag_bits`); absent when all are 0. */
  keypoint_flags: z.array(z.number().int().nonnegative()).optional(),
  /** The same per slot of `keypoints_coco`. */
  keypoints_coco_flags: z.array(z.number().int().nonnegative()).optional(),
  /** For a joined identity: the id of the piece this pose was tracked in (see `posetrail.joins`). */
  piece_id: z.number().int().nonnegative().optional(),
});
