import type { Box } from '../types';

/** Intersection over union of two boxes (0 when either is empty). */
export function boxIou(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  const intersection = iw * ih;
  const union = a.w * a.h + b.w * b.h - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Greedy non-maximum suppression: boxes by descending score, each kept unless it overlaps an
 * already kept box with IoU > `iouThreshold`. Returns at most `maxDetections` boxes, best first;
 * the input array is not modified.
 */
export function nonMaxSuppression<T extends Box>(
  boxes: readonly T[],
  iouThreshold: number,
  maxDetections = Infinity,
): T[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const box of sorted) {
    if (kept.length >= maxDetections) break;
    if (kept.every((other) => boxIou(box, other) <= iouThreshold)) kept.push(box);
  }
  return kept;
}

/** Intersection over the smaller box's area: 1 when one box lies inside the other (0 when either is empty). */
export function boxIos(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  const smaller = Math.min(a.w * a.h, b.w * b.h);
  return smaller > 0 ? (iw * ih) / smaller : 0;
}

/** Share of `inner`'s area that lies inside `outer`. */
export function boxCoverage(inner: Box, outer: Box): number {
  const iw = Math.min(inner.x + inner.w, outer.x + outer.w) - Math.max(inner.x, outer.x);
  const ih = Math.min(inner.y + inner.h, outer.y + outer.h) - Math.max(inner.y, outer.y);
  if (iw <= 0 || ih <= 0) return 0;
  const area = inner.w * inner.h;
  return area > 0 ? (iw * ih) / area : 0;
}
