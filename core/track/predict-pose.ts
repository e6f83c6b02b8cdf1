import type { Pose } from '../types';
import { keypointDisplacement } from './keypoint-displacement';

/** Image-plane velocity of a track's keypoints, in pixels per frame. */
export interface VelocityPxPerFrame {
  vx: number;
  vy: number;
}

/**
 * Where a pose is expected `frames` frames later if it keeps moving at `velocity`: every
 * keypoint and the box shift by the same displacement (constant-velocity model; the pose shape is
 * kept, which OKS compares anyway).
 */
export function predictPose(pose: Pose, velocity: VelocityPxPerFrame, frames: number): Pose {
  const dx = velocity.vx * frames;
  const dy = velocity.vy * frames;
  if (dx === 0 && dy === 0) return pose;
  return {
    ...pose,
    keypoints: pose.keypoints.map(([x, y, s]) => [x + dx, y + dy, s]),
    box: { ...pose.box, x: pose.box.x + dx, y: pose.box.y + dy },
  };
}

/**
 * Updates a velocity estimate from the keypoint displacement observed over `frames` frames (see
 * keypointDisplacement), as an exponential moving average: one noisy pose does not throw the
 * prediction off. With no keypoint confident in both poses nothing is measured and the previous
 * estimate stays.
 */
export function updateVelocity(
  previous: VelocityPxPerFrame,
  from: Pose,
  to: Pose,
  frames: number,
  smoothing: number,
  minKeypointScore: number,
): VelocityPxPerFrame {
  const displacement = keypointDisplacement(from, to, minKeypointScore);
  if (!displacement) return previous;
  const step = Math.max(frames, 1);
  return {
    vx: (1 - smoothing) * previous.vx + smoothing * (displacement[0] / step),
    vy: (1 - smoothing) * previous.vy + smoothing * (displacement[1] / step),
  };
}
