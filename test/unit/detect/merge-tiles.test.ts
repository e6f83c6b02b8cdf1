import { describe, expect, it } from 'vitest';
import { mergeTiledDetections } from '../../../core/detect/merge-tiles';
import type { TileBox } from '../../../core/detect/tile-box';

const options = { nmsIou: 0.45, maxDetections: 100 };
const box = (x: number, y: number, w: number, h: number, score: number, cut = false): TileBox => ({ x, y, w, h, score, cut });

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
    const merged = mergeTiledDetections([box(100, 100, 300, 400, 0.8, true), box(250, 100, 90, 400, 0.6, true)], options);
    expect(merged).toEqual([{ x: 100, y: 100, w: 300, h: 400, score: 0.8 }]);
  });

  it('keeps a small whole person standing inside a larger whole box (IoS is for fragments only)', () => {
    const merged = mergeTiledDetections([box(100, 100, 400, 600, 0.9), box(200, 400, 100, 200, 0.7)], options);
    expect(merged).toHaveLength(2);
  });

  it('suppresses duplicates of the full frame and a tile by IoU, best score first, up to maxDetections', () => {
    const merged = mergeTiledDetections(
      [box(10, 10, 100, 300, 0.6), box(12, 14, 100, 296, 0.9), box(400, 10, 100, 300, 0.5), box(800, 10, 100, 300, 0.4)],
      { nmsIou: 0.45, maxDetections: 2 },
    );
    expect(merged).toEqual([{ x: 12, y: 14, w: 100, h: 296, score: 0.9 }, { x: 400, y: 10, w: 100, h: 300, score: 0.5 }]);
  });
});
