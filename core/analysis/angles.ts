import type { KeypointSchema } from '../keypoints/schema';
import type { Keypoint } from '../types';

/** A joint angle: the angle at `vertex` between the segments to `from` and `to`, by keypoint name. */
export interface JointAngleDef {
  id: string;
  label: string;
  from: string;
  vertex: string;
  to: string;
}

/** The angles the plot panel and the analysis CSV offer; the same names exist in COCO-17 and PoseTrack. */
export const JOINT_ANGLES: readonly JointAngleDef[] = [
  { id: 'left_elbow', label: 'Left elbow', from: 'left_shoulder', vertex: 'left_elbow', to: 'left_wrist' },
  { id: 'right_elbow', label: 'Right elbow', from: 'right_shoulder', vertex: 'right_elbow', to: 'right_wrist' },
  { id: 'left_shoulder', label: 'Left shoulder', from: 'left_elbow', vertex: 'left_shoulder', to: 'left_hip' },
  { id: 'right_shoulder', label: 'Right shoulder', from: 'right_elbow', vertex: 'right_shoulder', to: 'right_hip' },
  { id: 'left_hip', label: 'Left hip', from: 'left_shoulder', vertex: 'left_hip', to: 'left_knee' },
  { id: 'right_hip', label: 'Right hip', from: 'right_shoulder', vertex: 'right_hip', to: 'right_knee' },
  { id: 'left_knee', label: 'Left knee', from: 'left_hip', vertex: 'left_knee', to: 'left_ankle' },
  { id: 'right_knee', label: 'Right knee', from: 'right_hip', vertex: 'right_knee', to: 'right_ankle' },
];

export function angleDef(id: string): JointAngleDef {
  const def = JOINT_ANGLES.find((a) => a.id === id);
  if (!def)
    throw new Error(`Unknown joint angle "${id}". Should be one of ${JOINT_ANGLES.map((a) => a.id).join(', ')}.`);
  return def;
}

export function keypointIndex(schema: KeypointSchema, name: string): number {
  const index = schema.names.indexOf(name);
  if (index < 0) throw new Error(`Keypoint "${name}" is not in the ${schema.id} layout.`);
  return index;
}

/**
 * The angle in degrees (0–180) at the vertex, or null when any of the three keypoints is below
 * `minScore` or two of them coincide (no direction, no angle).
 */
export function jointAngleDeg(
  keypoints: readonly Keypoint[],
  schema: KeypointSchema,
  def: JointAngleDef,
  minScore: number,
): number | null {
  const [a, v, b] = [def.from, def.vertex, def.to].map((name) => keypoints[keypointIndex(schema, name)]);
  if (a[2] < minScore || v[2] < minScore || b[2] < minScore || a[2] === 0 || v[2] === 0 || b[2] === 0) return null;
  const [ux, uy, wx, wy] = [a[0] - v[0], a[1] - v[1], b[0] - v[0], b[1] - v[1]];
  const lengths = Math.hypot(ux, uy) * Math.hypot(wx, wy);
  if (lengths === 0) return null;
  const cos = Math.min(1, Math.max(-1, (ux * wx + uy * wy) / lengths));
  return (Math.acos(cos) * 180) / Math.PI;
}

/**
 * Speed of one keypoint in px/s between two samples, or null when it is missing in either or the
 * times do not increase.
 */
export function keypointSpeedPxPerS(
  a: Keypoint | undefined,
  b: Keypoint | undefined,
  dtMs: number,
  minScore: number,
): number | null {
  if (!a || !b || !(dtMs > 0) || a[2] < minScore || b[2] < minScore || a[2] === 0 || b[2] === 0) return null;
  return (Math.hypot(b[0] - a[0], b[1] - a[1]) * 1000) / dtMs;
}
