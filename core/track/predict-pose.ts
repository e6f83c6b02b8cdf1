import type { Pose } from '../types';

/** Image-plane velocity of a track's box centre, in pixels per frame. */
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

/** Box centre of a pose, in pixels. */
export function boxCentre(pose: Pose): [x: number, y: number] {
  return [pose.box.x + pose.box.w / 2, pose.box.y + pose.box.h / 2];
}

/**
 * Updates a velocity estimate from the displacement observed over `frames` frames, as an
 * exponential moving average: one noisy box does not throw the prediction off.
 */
export function updateVelocity(
  previous: VelocityPxPerFrame,
  from: Pose,
  to: Pose,
  frames: number,
  smoothing: number,
): VelocityPxPerFrame {
  const [x0, y0] = boxCentre(from);
  const [x1, y1] = boxCentre(to);
  const step = Math.max(frames, 1);
  return {
    vx: (1 - smoothing) * previous.vx + smoothing * ((x1 - x0) / step),
    vy: (1 - smoothing) * previous.vy + smoothing * ((y1 - y0) / step),
  };
}
