import { tileLength } from './tile-grid';
import {
  AUTO_TILE_MAX_DOWNSCALE,
  AUTO_TILE_OVERLAP,
  AUTO_TILING_MIN_DOWNSCALE,
  MAX_TILES_PER_AXIS,
  type TileLayout,
} from './tiling-options';

/** Image pixels per model-input pixel when a `size` region is letterboxed into `inputSize`. */
export function letterboxDownscale(size: readonly [number, number], inputSize: readonly [number, number]): number {
  return Math.max(size[0] / inputSize[0], size[1] / inputSize[1]);
}

/**
 * The grid 'auto' tiling uses for one frame size, or null when the full frame alone is downscaled
 * by at most AUTO_TILING_MIN_DOWNSCALE. Otherwise the grid with the fewest tiles (at least two)
 * whose tiles are downscaled by at most AUTO_TILE_MAX_DOWNSCALE; among equal counts the one with
 * the smallest downscale; if none fits within MAX_TILES_PER_AXIS, the finest grid.
 */
export function autoTileLayout(
  imageSize: readonly [width: number, height: number],
  inputSize: readonly [width: number, height: number],
): TileLayout | null {
  if (letterboxDownscale(imageSize, inputSize) <= AUTO_TILING_MIN_DOWNSCALE) return null;
  let best: { layout: TileLayout; count: number; downscale: number } | null = null;
  for (let cols = 1; cols <= MAX_TILES_PER_AXIS; cols++) {
    for (let rows = 1; rows <= MAX_TILES_PER_AXIS; rows++) {
      if (cols * rows < 2) continue;
      const downscale = letterboxDownscale(
        [tileLength(imageSize[0], cols, AUTO_TILE_OVERLAP), tileLength(imageSize[1], rows, AUTO_TILE_OVERLAP)],
        inputSize,
      );
      if (downscale > AUTO_TILE_MAX_DOWNSCALE) continue;
      const count = cols * rows;
      if (!best || count < best.count || (count === best.count && downscale < best.downscale)) {
        best = { layout: { cols, rows, overlap: AUTO_TILE_OVERLAP }, count, downscale };
      }
    }
  }
  return best?.layout ?? { cols: MAX_TILES_PER_AXIS, rows: MAX_TILES_PER_AXIS, overlap: AUTO_TILE_OVERLAP };
}
