import type { Box, Keypoint } from '../types';

export interface BoxFromKeypointsOptions {
  /** Keypoints scoring below this are ignored. */
  minKeypointScore: number;
  /** Fewer visible keypoints than this give null. */
  minVisibleKeypoints: number;
  /** Width and height are multiplied by this around the centre of the visible keypoints. */
  enlarge: number;
  /** Image size in pixels, [width, height]; the box is clipped to it. */
  imageSize: [width: number, height: number];
  /** Score of the box returned. */
  score: number;
}

/**
 * The box around a pose's visible keypoints, enlarged and clipped to the image, or null when too
 * few keypoints are visible or the clipped box is empty (the person is outside the image).
 */
export function boxFromKeypoints(keypoints: readonly Keypoint[], options: BoxFromKeypointsOptions): Box | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let visible = 0;
  for (const [x, y, score] of keypoints) {
    if (!(score >= options.minKeypointScore) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    visible += 1;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (visible < options.minVisibleKeypoints) return null;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const halfW = ((maxX - minX) * options.enlarge) / 2;
  const halfH = ((maxY - minY) * options.enlarge) / 2;
  const [imageWidth, imageHeight] = options.imageSize;
  const x0 = Math.max(0, cx - halfW);
  const y0 = Math.max(0, cy - halfH);
  const x1 = Math.min(imageWidth, cx + halfW);
  const y1 = Math.min(imageHeight, cy + halfH);
  // Less than a pixel either way: all keypoints on one line or the box lies outside the image.
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: options.score };
}
