import { describe, expect, it } from 'vitest';
import { detectionViews } from '../../../core/detect/detection-views';
import { selectViews } from '../../../core/detect/select-views';

/** The views of a 1768×994 frame for a 416×416 detector with auto tiling: the full frame, then the tiles. */
const views = detectionViews([1768, 994], [416, 416], 'topleft', 'auto');
const small = detectionViews([320, 240], [416, 416], 'topleft', 'auto');

describe('selectViews', () => {
  it('runs every view by default and the full frame alone with fullFrameOnly', () => {
    expect(views.length).toBeGreaterThan(2);
    expect(selectViews(views, {})).toHaveLength(views.length);
    expect(selectViews(views, { fullFrameOnly: true })).toEqual([views[0]]);
  });

  it('with tilesNear, runs only the tiles overlapping the grown boxes, never the full frame', () => {
    const nearLeftTop = selectViews(views, { tilesNear: [{ x: 20, y: 20, w: 40, h: 80, score: 1 }] });
    expect(nearLeftTop.length).toBeGreaterThan(0);
    expect(nearLeftTop.length).toBeLessThan(views.length - 1);
    for (const { tile } of nearLeftTop) {
      expect(tile).not.toBeNull();
      expect(tile!.x).toBe(0);
      expect(tile!.y).toBe(0);
    }
    // Grown by half its size on each side, a box near a tile's edge also reaches its neighbour.
    const tiles = views.filter((v) => v.tile).map((v) => v.tile!);
    const edge = tiles[0].x + tiles[0].width;
    const reaching = selectViews(views, { tilesNear: [{ x: edge + 10, y: 20, w: 40, h: 80, score: 1 }] });
    expect(reaching.some(({ tile }) => tile!.x === 0)).toBe(true);
  });

  it('finds no tiles to search in a frame without tiles', () => {
    expect(small).toHaveLength(1);
    expect(selectViews(small, { tilesNear: [{ x: 10, y: 10, w: 50, h: 100, score: 1 }] })).toEqual([]);
  });
});
