import type { KeypointSchemaId } from '../types';

/** A keypoint layout: names, left/right pairs for flipping, skeleton edges, OKS sigmas. */
export interface KeypointSchema {
  id: KeypointSchemaId;
  names: readonly string[];
  /** Index pairs swapped by a horizontal flip. */
  flipPairs: readonly (readonly [number, number])[];
  /** Edges drawn between keypoints, 0-based. */
  skeleton: readonly (readonly [number, number])[];
  /** COCO OKS per-keypoint sigmas (k_i = 2σ_i). */
  sigmas: readonly number[];
}

const COCO17_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

const COCO17_SIGMAS = [
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089,
] as const;

const LIMB_EDGES: readonly (readonly [number, number])[] = [
  [15, 13],
  [13, 11],
  [16, 14],
  [14, 12],
  [11, 12],
  [5, 11],
  [6, 12],
  [5, 6],
  [5, 7],
  [6, 8],
  [7, 9],
  [8, 10],
];

export const COCO17: KeypointSchema = {
  id: 'coco17',
  names: COCO17_NAMES,
  flipPairs: [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
    [9, 10],
    [11, 12],
    [13, 14],
    [15, 16],
  ],
  skeleton: [...LIMB_EDGES, [1, 2], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6]],
  sigmas: COCO17_SIGMAS,
};

/**
 * PoseTrack 2018: COCO's 17 slots with slot 1 = head_bottom, slot 2 = head_top; ears are never
 * annotated. The sigmas for the head slots reuse the eye values, as PoseTrack's own tools do.
 */
export const POSETRACK18: KeypointSchema = {
  id: 'posetrack18',
  names: ['nose', 'head_bottom', 'head_top', 'left_ear', 'right_ear', ...COCO17_NAMES.slice(5)],
  flipPairs: [
    [3, 4],
    [5, 6],
    [7, 8],
    [9, 10],
    [11, 12],
    [13, 14],
    [15, 16],
  ],
  skeleton: [...LIMB_EDGES, [0, 1], [1, 2], [1, 5], [1, 6]],
  sigmas: COCO17_SIGMAS,
};

const SCHEMAS: Record<KeypointSchemaId, KeypointSchema> = { coco17: COCO17, posetrack18: POSETRACK18 };

export function getSchema(id: KeypointSchemaId): KeypointSchema {
  const schema = SCHEMAS[id];
  if (!schema) {
    throw new Error(`Unknown keypoint schema "${id}". Should be one of ${Object.keys(SCHEMAS).join(', ')}.`);
  }
  return schema;
}
