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

/** Fraction of box a's area that box b covers. */
export function overlapFraction(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.max(a.w * a.h, 1) : 0;
}

export type PictureEdge = 'left' | 'right' | 'top' | 'bottom';

/** The picture's borders that `box` comes within `marginFraction` of the picture's width (left, right) or height (top, bottom) of. */
export function edgesNear(
  box: Box,
  [widthPx, heightPx]: readonly [number, number],
  marginFraction: number,
): PictureEdge[] {
  const [marginX, marginY] = [marginFraction * widthPx, marginFraction * heightPx];
  const edges: PictureEdge[] = [];
  if (box.x < marginX) edges.push('left');
  if (box.x + box.w > widthPx - marginX) edges.push('right');
  if (box.y < marginY) edges.push('top');
  if (box.y + box.h > heightPx - marginY) edges.push('bottom');
  return edges;
}
