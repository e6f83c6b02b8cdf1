import { describe, expect, it } from 'vitest';
import { computeLetterbox } from '../../../core/detect/letterbox';
import { tileBoxToImage } from '../../../core/detect/tile-box';

const image = [1768, 994] as const;
// The middle tile of the top row of a 3×2 grid, letterboxed top-left into 416×416 (scale 416/680).
const tile = { x: 544, y: 0, width: 680, height: 553 };
const letterbox = computeLetterbox([tile.width, tile.height], [416, 416], 'topleft');
const s = letterbox.scale;

describe('tileBoxToImage', () => {
  it('maps input pixels of a tile back to image pixels', () => {
    const box = tileBoxToImage(
      { x1: 100 * s, y1: 50 * s, x2: 200 * s, y2: 450 * s, score: 0.8 },
      letterbox,
      tile,
      image,
      10,
    );
    expect(box).not.toBeNull();
    expect(box!.x).toBeCloseTo(644, 9);
    expect(box!.y).toBeCloseTo(50, 9);
    expect(box!.w).toBeCloseTo(100, 9);
    expect(box!.h).toBeCloseTo(400, 9);
    expect(box!.score).toBe(0.8);
    expect(box!.cut).toBe(false);
    expect(box!.fromTile).toBe(true);
  });

  it('clips to the tile (not the letterbox padding) and marks a box ending at an inner edge as cut', () => {
    // Reaches into the padding below the tile content (553·s ≈ 338 input px).
    const box = tileBoxToImage(
      { x1: 300 * s, y1: 400 * s, x2: 400 * s, y2: 400, score: 0.7 },
      letterbox,
      tile,
      image,
      10,
    )!;
    expect(box.y + box.h).toBeCloseTo(553, 9);
    expect(box.cut).toBe(true);
  });

  it("does not mark a box at an image edge as cut (the tile's top is the image top)", () => {
    const box = tileBoxToImage(
      { x1: 300 * s, y1: 0, x2: 400 * s, y2: 300 * s, score: 0.7 },
      letterbox,
      tile,
      image,
      10,
    )!;
    expect(box.y).toBe(0);
    expect(box.cut).toBe(false);
  });

  it('marks a box within the margin of the left inner edge as cut, and one just outside it as whole', () => {
    expect(
      tileBoxToImage({ x1: 9 * s, y1: 100 * s, x2: 100 * s, y2: 300 * s, score: 1 }, letterbox, tile, image, 10)!.cut,
    ).toBe(true);
    expect(
      tileBoxToImage({ x1: 11 * s, y1: 100 * s, x2: 100 * s, y2: 300 * s, score: 1 }, letterbox, tile, image, 10)!.cut,
    ).toBe(false);
  });

  it('returns null for a box wholly in the padding', () => {
    expect(tileBoxToImage({ x1: 10, y1: 360, x2: 50, y2: 400, score: 0.9 }, letterbox, tile, image, 10)).toBeNull();
  });
});
