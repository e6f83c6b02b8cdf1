import type { Box } from '../types';

/**
 * Distance between two box centres in units of box size (the square root of the larger box's
 * area): 0 for concentric boxes, about 1 when the centres are one person-size apart. Scale-free,
 * so the same threshold suits people near and far from the camera.
 */
export function boxCentreDistance(a: Box, b: Box): number {
  const dx = a.x + a.w / 2 - (b.x + b.w / 2);
  const dy = a.y + a.h / 2 - (b.y + b.h / 2);
  // One square pixel keeps degenerate boxes defined.
  const size = Math.sqrt(Math.max(a.w * a.h, b.w * b.h, 1));
  return Math.hypot(dx, dy) / size;
}
