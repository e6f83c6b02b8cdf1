import type { Keypoint } from '../types';
import { HEAD_BOTTOM, HEAD_TOP } from './coco-to-posetrack';

/**
 * Head box [x, y, w, h] from PoseTrack-layout keypoints: a square centred between head_bottom and
 * head_top with their distance as side, the shape PoseTrack's annotated head boxes have. PCKh uses
 * 0.6 × its diagonal as the head size. Null when either head point is missing.
 */
export function headBoxFromPoseTrack(keypoints: readonly Keypoint[]): [number, number, number, number] | null {
  const bottom = keypoints[HEAD_BOTTOM];
  const top = keypoints[HEAD_TOP];
  if (!bottom || !top || !(bottom[2] > 0) || !(top[2] > 0)) return null;
  const side = Math.hypot(top[0] - bottom[0], top[1] - bottom[1]);
  const cx = (top[0] + bottom[0]) / 2;
  const cy = (top[1] + bottom[1]) / 2;
  return [cx - side / 2, cy - side / 2, side, side];
}
