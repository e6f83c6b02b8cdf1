import { describe, expect, it } from 'vitest';
import { tileGrid, tileLength } from '../../../core/detect/tile-grid';

describe('tileGrid', () => {
  it('covers a 1768×994 frame with 3×2 tiles sharing 20%, edge tiles flush with the image', () => {
    const tiles = tileGrid([1768, 994], { cols: 3, rows: 2, overlap: 0.2 });
    expect(tiles).toEqual([
      { x: 0, y: 0, width: 680, height: 553 },
      { x: 544, y: 0, width: 680, height: 553 },
      { x: 1088, y: 0, width: 680, height: 553 },
      { x: 0, y: 441, width: 680, height: 553 },
      { x: 544, y: 441, width: 680, height: 553 },
      { x: 1088, y: 441, width: 680, height: 553 },
    ]);
    // Neighbours overlap by ~20% of a tile: 680 − 544 = 136 px; 553 − 441 = 112 px.
    expect((680 - 544) / 680).toBeCloseTo(0.2, 2);
  });

  it('handles a tall frame and a single column (the column is the whole width)', () => {
    const tiles = tileGrid([480, 1001], { cols: 1, rows: 3, overlap: 0.25 });
    expect(tiles.map((t) => [t.x, t.width])).toEqual([
      [0, 480],
      [0, 480],
      [0, 480],
    ]);
    expect(tiles.map((t) => [t.y, t.height])).toEqual([
      [0, 401],
      [300, 401],
      [600, 401],
    ]); // 401 = ⌈1001 / 2.5⌉
    expect(tiles[2].y + tiles[2].height).toBe(1001);
  });

  it('tiles without overlap touch exactly', () => {
    const tiles = tileGrid([1000, 500], { cols: 4, rows: 1, overlap: 0 });
    expect(tiles.map((t) => [t.x, t.width])).toEqual([
      [0, 250],
      [250, 250],
      [500, 250],
      [750, 250],
    ]);
  });

  it('never reaches outside the image, whatever the rounding', () => {
    for (const [w, h] of [
      [641, 359],
      [1767, 993],
      [3, 7],
    ] as const) {
      for (const tile of tileGrid([w, h], { cols: 3, rows: 3, overlap: 0.35 })) {
        expect(tile.x).toBeGreaterThanOrEqual(0);
        expect(tile.y).toBeGreaterThanOrEqual(0);
        expect(tile.x + tile.width).toBeLessThanOrEqual(w);
        expect(tile.y + tile.height).toBeLessThanOrEqual(h);
        expect(tile.width).toBeGreaterThan(0);
      }
    }
  });

  it('rejects an empty image side', () => {
    expect(() => tileGrid([0, 100], { cols: 2, rows: 1, overlap: 0.2 })).toThrow('Invalid image side 0 px for tiling.');
  });

  it('tileLength solves count·L − (count−1)·overlap·L = size, rounded up', () => {
    expect(tileLength(1768, 2, 0.2)).toBe(983);
    expect(tileLength(1768, 1, 0.2)).toBe(1768);
  });
});
