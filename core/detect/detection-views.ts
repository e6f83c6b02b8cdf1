import { autoTileLayout } from './auto-tile-layout';
import { computeLetterbox, type Letterbox, type LetterboxAlign } from './letterbox';
import { tileGrid, type Tile } from './tile-grid';
import type { TilingOption } from './tiling-options';

/** One image the detector runs on: the full frame (`tile` null) or one tile, with its letterbox. */
export interface DetectionView {
  tile: Tile | null;
  letterbox: Letterbox;
}

/**
 * What the detector runs on for frames of `imageSize`: always the full frame first (it finds the
 * people too large for one tile), then the tiles of the grid `tiling` resolves to, if any. A 1×1
 * grid adds nothing to the full frame and is left out.
 */
export function detectionViews(
  imageSize: readonly [width: number, height: number],
  inputSize: readonly [width: number, height: number],
  align: LetterboxAlign,
  tiling: TilingOption,
): DetectionView[] {
  const views: DetectionView[] = [{ tile: null, letterbox: computeLetterbox(imageSize, inputSize, align) }];
  const layout = tiling === 'off' ? null : tiling === 'auto' ? autoTileLayout(imageSize, inputSize) : tiling;
  if (!layout || layout.cols * layout.rows === 1) return views;
  for (const tile of tileGrid(imageSize, layout)) {
    views.push({ tile, letterbox: computeLetterbox([tile.width, tile.height], inputSize, align) });
  }
  return views;
}
