import { describe, expect, it } from 'vitest';
import { mergeTiledDetections } from '../../../core/detect/merge-tiles';
import type { TileBox } from '../../../core/detect/tile-box';

const options = { nmsIou: 0.45, maxDetections: 100 };
const box = (x: number, y: number, w: number, h: number, score: number, cut = false, fromTile = cut): TileBox => ({
  x,
  y,
  w,
  h,
  score,
  cut,
  fromTile,
});

describe('mergeTiledDetections', () => {
  it('keeps a whole person over a higher-scoring fragment cut by a tile edge', () => {
    const whole = box(500, 500, 200, 430, 0.85);
    const fragment = box(500, 616, 200, 314, 0.92, true); // IoU 0.73 with the whole box
    expect(mergeTiledDetections([fragment, whole], options)).toEqual([{ x: 500, y: 500, w: 200, h: 430, score: 0.85 }]);
  });

  it('keeps a fragment nothing whole covers (the person is only found in pieces)', () => {
    const merged = mergeTiledDetections([box(100, 100, 50, 200, 0.6, true), box(900, 100, 50, 200, 0.7)], options);
    expect(merged.map((b) => b.score)).toEqual([0.7, 0.6]);
  });

  it('merges two fragments of one person by IoS even where their IoU is low', () => {
    // A narrow piece inside a wider piece: IoU 0.3, IoS 1.
    const merged = mergeTiledDetections(
      [box(100, 100, 300, 400, 0.8, true), box(250, 100, 90, 400, 0.6, true)],
      options,
    );
    expect(merged).toEqual([{ x: 100, y: 100, w: 300, h: 400, score: 0.8 }]);
  });

  it('keeps a small person the full frame finds inside a larger box', () => {
    const merged = mergeTiledDetections(
      [box(100, 100, 400, 600, 0.9, false, true), box(200, 400, 100, 200, 0.7)],
      options,
    );
    expect(merged).toHaveLength(2);
  });

  it('drops a body part a tile reports inside a better box (the legs of the man on the box, frame 120)', () => {
    const man = box(640, 89, 154, 365, 0.77, false, true);
    const legs = box(632, 336, 131, 125, 0.51, false, true); // IoS 0.89
    expect(mergeTiledDetections([legs, man], options)).toEqual([{ x: 640, y: 89, w: 154, h: 365, score: 0.77 }]);
    // Only a little inside (IoS 0.5): a second person.
    expect(mergeTiledDetections([box(720, 336, 131, 125, 0.51, false, true), man], options)).toHaveLength(2);
  });

  it('suppresses duplicates of the full frame and a tile by IoU, best score first, up to maxDetections', () => {
    const merged = mergeTiledDetections(
      [
        box(10, 10, 100, 300, 0.6),
        box(12, 14, 100, 296, 0.9),
        box(400, 10, 100, 300, 0.5),
        box(800, 10, 100, 300, 0.4),
      ],
      { nmsIou: 0.45, maxDetections: 2 },
    );
    expect(merged).toEqual([
      { x: 12, y: 14, w: 100, h: 296, score: 0.9 },
      { x: 400, y: 10, w: 100, h: 300, score: 0.5 },
    ]);
  });
});
