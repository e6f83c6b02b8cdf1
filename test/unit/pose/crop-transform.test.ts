import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../core/imaging/affine';
import { cropTransform } from '../../../core/pose/crop-transform';

const INPUT: [number, number] = [192, 256];

describe('cropTransform', () => {
  it('centres a tall box, grows its width to 3:4 and pads ×1.25', () => {
    const box = { x: 100, y: 50, w: 60, h: 200 };
    const { imageToCrop, windowSize } = cropTransform(box, INPUT);
    expect(windowSize[1]).toBeCloseTo(250, 9);
    expect(windowSize[0]).toBeCloseTo(187.5, 9);
    const [cx, cy] = applyAffine(imageToCrop, 130, 150);
    expect(cx).toBeCloseTo(96, 9);
    expect(cy).toBeCloseTo(128, 9);
    // Top edge of the box: 100 px above the centre → 100 · 256/250 input px above.
    expect(applyAffine(imageToCrop, 130, 50)[1]).toBeCloseTo(128 - 102.4, 9);
  });

  it('grows the height of a wide box instead (rows and columns not swapped)', () => {
    const { windowSize } = cropTransform({ x: 0, y: 0, w: 300, h: 100 }, INPUT, { padding: 1 });
    expect(windowSize).toEqual([300, 400]);
  });

  it('round-trips rotated, non-square boxes within 0.5 px', () => {
    const boxes = [
      { x: 10, y: 20, w: 80, h: 210 },
      { x: 700, y: 300, w: 420, h: 130 },
      { x: -30, y: 500, w: 55, h: 60 },
    ];
    for (const box of boxes) {
      for (const rotationDeg of [0, 17, -45, 90, 180]) {
        const { imageToCrop, cropToImage } = cropTransform(box, INPUT, { rotationDeg });
        for (const [x, y] of [
          [box.x, box.y],
          [box.x + box.w, box.y + box.h],
          [box.x + 0.3 * box.w, box.y + 0.9 * box.h],
        ]) {
          const [u, v] = applyAffine(imageToCrop, x, y);
          const [bx, by] = applyAffine(cropToImage, u, v);
          expect(Math.hypot(bx - x, by - y)).toBeLessThan(0.5);
        }
      }
    }
  });

  it('rotates the window counter-clockwise on screen for positive angles', () => {
    const box = { x: 0, y: 0, w: 150, h: 200 };
    const { cropToImage } = cropTransform(box, INPUT, { rotationDeg: 90, padding: 1 });
    // The crop's top-centre (96, 0) maps to the left-centre of the box after a 90° CCW turn.
    const [x, y] = applyAffine(cropToImage, 96, 0);
    expect(x).toBeCloseTo(75 - 100, 6);
    expect(y).toBeCloseTo(100, 6);
  });
});
