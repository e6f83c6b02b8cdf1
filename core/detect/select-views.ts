import type { Box } from '../types';
import type { DetectionView } from './detection-views';

/**
 * Around a box searched with `tilesNear`, this fraction of its size on every side is searched
 * too: the person was last seen there a frame ago and may have moved.
 */
export const TILES_NEAR_MARGIN = 0.5;

/** The views a request runs: see DetectViewsOption. */
export function selectViews(
  views: readonly DetectionView[],
  request: { fullFrameOnly?: boolean; tilesNear?: readonly Box[] },
): readonly DetectionView[] {
  if (request.fullFrameOnly) return views.slice(0, 1);
  const near = request.tilesNear;
  if (!near) return views;
  const areas = near.map((box) => grow(box, TILES_NEAR_MARGIN));
  return views.filter(({ tile }) => tile !== null && areas.some((area) => overlaps(area, tile)));
}

function grow(box: Box, fraction: number): { x: number; y: number; w: number; h: number } {
  return { x: box.x - box.w * fraction, y: box.y - box.h * fraction, w: box.w * (1 + 2 * fraction), h: box.h * (1 + 2 * fraction) };
}

function overlaps(area: { x: number; y: number; w: number; h: number }, tile: { x: number; y: number; width: number; height: number }): boolean {
  return area.x < tile.x + tile.width && tile.x < area.x + area.w && area.y < tile.y + tile.height && tile.y < area.y + area.h;
}
