import { describe, expect, it } from 'vitest';
import { carryTileDetections } from '../../../core/pipeline/tile-carry';

const box = (x: number, y: number, w: number, h: number, score = 0.8) => ({ x, y, w, h, score });

describe('carryTileDetections', () => {
  it('adds the tiled pass boxes the full frame does not explain, keeping the full-frame boxes', () => {
    const near = box(100, 100, 50, 120); // the full frame finds this person again, slightly moved
    const small = box(900, 400, 20, 50, 0.55); // only the tiles saw this one
    const full = [box(104, 102, 50, 120, 0.9)];
    expect(carryTileDetections(full, [near, small])).toEqual([full[0], small]);
  });

  it('carries nothing when there was no tiled pass yet, and everything when the full frame finds nobody', () => {
    const full = [box(0, 0, 10, 10)];
    expect(carryTileDetections(full, [])).toEqual(full);
    const tiled = [box(5, 5, 30, 60), box(300, 5, 30, 60)];
    expect(carryTileDetections([], tiled)).toEqual(tiled);
  });
});
