/**
 * Where a person's label goes in the overlay video: centred just above the head when a head
 * point is seen (so the name stays with the person when they bend, turn or flip), otherwise at the
 * box's top-left corner, above the box when there is room. Always kept inside the frame.
 */
import type { KeypointSchema } from '../keypoints/schema';
import type { Pose } from '../types';

/** Keypoints of the head, in COCO-17 and PoseTrack 2018 names. */
const HEAD_POINTS = new Set(['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'head_top', 'head_bottom']);

export interface LabelBox {
  widthPx: number;
  heightPx: number;
  /** Space left between the head's highest point and the label. */
  gapPx: number;
}

/** Top-left corner of the label's rectangle in frame pixels. */
export function labelTopLeft(
  pose: Pose,
  schema: KeypointSchema,
  minScore: number,
  label: LabelBox,
  frame: { width: number; height: number },
): { x: number; y: number } {
  const head = pose.keypoints.filter((k, i) => k[2] >= minScore && HEAD_POINTS.has(schema.names[i] ?? ''));
  const clampX = (x: number) => Math.min(Math.max(0, x), Math.max(0, frame.width - label.widthPx));
  const clampY = (y: number) => Math.min(Math.max(0, y), Math.max(0, frame.height - label.heightPx));
  if (head.length > 0) {
    const centreX = head.reduce((sum, k) => sum + k[0], 0) / head.length;
    const topY = Math.min(...head.map((k) => k[1]));
    return { x: clampX(centreX - label.widthPx / 2), y: clampY(topY - label.gapPx - label.heightPx) };
  }
  const above = pose.box.y - label.heightPx;
  return { x: clampX(pose.box.x), y: clampY(above >= 0 ? above : pose.box.y) };
}
