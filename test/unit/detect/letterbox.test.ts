import { describe, expect, it } from 'vitest';
import { computeLetterbox, letterboxBoxToImage } from '../../../core/detect/letterbox';
import { applyAffine } from '../../../core/imaging/affine';

describe('letterbox geometry', () => {
  it('fits a wide 1768×994 frame into 416×416 at the top-left', () => {
    const lb = computeLetterbox([1768, 994], [416, 416], 'topleft');
    expect(lb.scale).toBeCloseTo(416 / 1768, 12);
    expect(lb.padX).toBe(0);
    expect(lb.padY).toBe(0);
    // YOLOX's int(size · r): 416 × int(233.88) = 233 whole pixels.
    expect(lb.contentSize).toEqual([416, 233]);
    // Sampled as cv2.resize to 416×233 does: the last row's centre (232.5) lands 0.5·994/233
    // above the image's bottom edge, not at 232.5 / r.
    const [x, y] = applyAffine(lb.inputToImage, 416, 233);
    expect(x).toBeCloseTo(1768, 9);
    expect(y).toBeCloseTo(994, 9);
  });

  it('centres a tall 480×1000 frame in a 320×320 input (pads left and right)', () => {
    const lb = computeLetterbox([480, 1000], [320, 320], 'center');
    expect(lb.scale).toBeCloseTo(0.32, 12);
    expect(lb.contentSize).toEqual([153, 320]);
    expect(lb.padX).toBeCloseTo((320 - 153) / 2, 9);
    expect(lb.padY).toBe(0);
    // The input centre maps to the image centre.
    const [x, y] = applyAffine(lb.inputToImage, 160, 160);
    expect(x).toBeCloseTo(240, 9);
    expect(y).toBeCloseTo(500, 9);
  });

  it('uses the limiting axis for a non-square input', () => {
    const lb = computeLetterbox([640, 480], [320, 192], 'center');
    expect(lb.scale).toBeCloseTo(0.4, 12); // height limits: 192 / 480
    expect(lb.padX).toBeCloseTo(32, 9);
  });

  it('maps input-pixel corners back to image pixels and clips them to the image', () => {
    const lb = computeLetterbox([1000, 500], [400, 400], 'center'); // scale 0.4, padY 100
    const box = letterboxBoxToImage({ x1: 40, y1: 120, x2: 120, y2: 320, score: 0.8 }, lb, [1000, 500]);
    expect(box).not.toBeNull();
    expect(box!.x).toBeCloseTo(100, 9);
    expect(box!.y).toBeCloseTo(50, 9);
    expect(box!.w).toBeCloseTo(200, 9);
    expect(box!.h).toBeCloseTo(450, 9); // 550 clipped to the 500-high image
    expect(box!.score).toBe(0.8);
  });

  it('drops a box that lies entirely in the padding', () => {
    const lb = computeLetterbox([1000, 500], [400, 400], 'center');
    expect(letterboxBoxToImage({ x1: 10, y1: 10, x2: 100, y2: 90, score: 0.9 }, lb, [1000, 500])).toBeNull();
  });
});
