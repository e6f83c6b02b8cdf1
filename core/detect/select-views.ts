import type { Box } from '../types';
import type { DetectionView } from './detection-views';
import { boxIou } from './nms';

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
  const areas = near.map((box) => grownBox(box, TILES_NEAR_MARGIN));
  return views.filter(({ tile }) => {
    if (!tile) return false;
    const tileBox = { x: tile.x, y: tile.y, w: tile.width, h: tile.height, score: 0 };
    return areas.some((area) => boxIou(area, tileBox) > 0);
  });
}

/** `box` grown by `fraction` of its width and height on every side. */
export function grownBox(box: Box, fraction: number): Box {
  return {
    ...box,
    x: box.x - box.w * fraction,
    y: box.y - box.h * fraction,
    w: box.w * (1 + 2 * fraction),
    h: box.h * (1 + 2 * fraction),
  };
}
