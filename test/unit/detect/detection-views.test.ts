import { describe, expect, it } from 'vitest';
import { detectionViews } from '../../../core/detect/detection-views';
import { copyTile } from '../../../core/detect/copy-tile';

describe('detectionViews', () => {
  it('runs the full frame alone when tiling is off or the frame is small', () => {
    expect(detectionViews([1768, 994], [416, 416], 'topleft', 'off')).toHaveLength(1);
    expect(detectionViews([640, 360], [416, 416], 'topleft', 'auto')).toHaveLength(1);
    expect(detectionViews([1768, 994], [416, 416], 'topleft', { cols: 1, rows: 1, overlap: 0 })).toHaveLength(1);
  });

  it('adds the auto grid after the full frame, each tile with its own letterbox', () => {
    const views = detectionViews([1768, 994], [416, 416], 'topleft', 'auto');
    expect(views).toHaveLength(7);
    expect(views[0].tile).toBeNull();
    expect(views[0].letterbox.scale).toBeCloseTo(416 / 1768, 12);
    expect(views[1].tile).toEqual({ x: 0, y: 0, width: 680, height: 553 });
    expect(views[1].letterbox.scale).toBeCloseTo(416 / 680, 12);
  });

  it('uses an explicit grid as given', () => {
    expect(detectionViews([1000, 1000], [320, 320], 'center', { cols: 2, rows: 2, overlap: 0 })).toHaveLength(5);
  });
});

describe('copyTile', () => {
  it('copies the tile rows into the scratch buffer and grows it only when needed', () => {
    const width = 5;
    const height = 4;
    const rgb = new Uint8Array(width * height * 3).map((_, i) => i);
    const first = copyTile({ width, height, rgb }, { x: 1, y: 2, width: 3, height: 2 }, new Uint8Array(0));
    expect(first.image.width).toBe(3);
    expect(Array.from(first.image.rgb.subarray(0, 3))).toEqual([33, 34, 35]); // pixel (1, 2)
    expect(Array.from(first.image.rgb.subarray(9, 12))).toEqual([48, 49, 50]); // pixel (1, 3)
    const second = copyTile({ width, height, rgb }, { x: 0, y: 0, width: 2, height: 1 }, first.buffer);
    expect(second.buffer).toBe(first.buffer);
  });

  it('refuses a tile outside the image', () => {
    expect(() =>
      copyTile(
        { width: 4, height: 4, rgb: new Uint8Array(48) },
        { x: 2, y: 0, width: 3, height: 1 },
        new Uint8Array(0),
      ),
    ).toThrow('Tile 3×1 at (2, 0) lies outside the 4×4 image.');
  });
});
