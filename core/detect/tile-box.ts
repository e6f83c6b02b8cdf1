import type { Box } from '../types';
import type { Letterbox } from './letterbox';
import type { Tile } from './tile-grid';
import type { Corners } from './yolox-decode';

/** A detection in image pixels; `cut` when it ends at a tile edge inside the image (a fragment). */
export interface TileBox extends Box {
  cut: boolean;
  /** Found in a tile rather than in the full frame. */
  fromTile: boolean;
}

/**
 * A box found in one tile (corners in model-input pixels, `letterbox` being the tile's own) →
 * image pixels, clipped to the tile. `cut` is set when a side lies within `edgeMarginPx` image
 * pixels of a tile edge that is not also an image edge: the person may go on in the next tile.
 * Returns null when nothing of the box is inside the tile.
 */
export function tileBoxToImage(
  corners: Corners,
  letterbox: Letterbox,
  tile: Tile,
  imageSize: readonly [width: number, height: number],
  edgeMarginPx: number,
): TileBox | null {
  const { scale, padX, padY } = letterbox;
  const right = tile.x + tile.width;
  const bottom = tile.y + tile.height;
  const x1 = clamp(tile.x + (corners.x1 - padX) / scale, tile.x, right);
  const y1 = clamp(tile.y + (corners.y1 - padY) / scale, tile.y, bottom);
  const x2 = clamp(tile.x + (corners.x2 - padX) / scale, tile.x, right);
  const y2 = clamp(tile.y + (corners.y2 - padY) / scale, tile.y, bottom);
  if (!(x2 > x1 && y2 > y1)) return null;
  const cut =
    (tile.x > 0 && x1 - tile.x <= edgeMarginPx) ||
    (tile.y > 0 && y1 - tile.y <= edgeMarginPx) ||
    (right < imageSize[0] && right - x2 <= edgeMarginPx) ||
    (bottom < imageSize[1] && bottom - y2 <= edgeMarginPx);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1, score: corners.score, cut, fromTile: true };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
