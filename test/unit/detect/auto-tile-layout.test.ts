import { describe, expect, it } from 'vitest';
import { autoTileLayout, letterboxDownscale } from '../../../core/detect/auto-tile-layout';
import { tileGrid } from '../../../core/detect/tile-grid';
import { AUTO_TILE_MAX_DOWNSCALE } from '../../../core/detect/tiling-options';

describe('autoTileLayout', () => {
  it('leaves frames at most 2.5× larger than the input untiled', () => {
    expect(autoTileLayout([1040, 585], [416, 416])).toBeNull(); // 2.5×
    expect(autoTileLayout([640, 640], [640, 640])).toBeNull();
  });

  it('tiles the 1768×994 clip (4.25×) into 3×2 tiles at 1.63×', () => {
    const layout = autoTileLayout([1768, 994], [416, 416]);
    expect(layout).toEqual({ cols: 3, rows: 2, overlap: 0.2 });
    const tile = tileGrid([1768, 994], layout!)[0];
    expect(letterboxDownscale([tile.width, tile.height], [416, 416])).toBeCloseTo(680 / 416, 9);
  });

  it('picks the fewest tiles within the limit for a tall 1080×1920 frame at 320×320', () => {
    const layout = autoTileLayout([1080, 1920], [320, 320])!;
    const tiles = tileGrid([1080, 1920], layout);
    for (const t of tiles)
      expect(letterboxDownscale([t.width, t.height], [320, 320])).toBeLessThanOrEqual(AUTO_TILE_MAX_DOWNSCALE);
    expect(layout.rows).toBeGreaterThan(layout.cols);
    expect(layout.cols * layout.rows).toBe(8); // 2×4: 648×600 tiles at 2.03×
  });

  it('falls back to the finest grid for a huge frame', () => {
    expect(autoTileLayout([16000, 9000], [416, 416])).toEqual({ cols: 8, rows: 8, overlap: 0.2 });
  });
});
