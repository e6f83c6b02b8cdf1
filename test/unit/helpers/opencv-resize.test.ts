import { describe, expect, it } from 'vitest';
import { resizeBilinearOpenCv, yoloxResize } from '../../helpers/opencv-resize';

/** 5×3 image: red = 10·x + 50·y, green = 255 − red, blue = 7. */
function ramp(): { width: number; height: number; rgb: Uint8Array } {
  const rgb = new Uint8Array(5 * 3 * 3);
  for (let y = 0; y < 3; y++) {
    for (let x = 0; x < 5; x++) rgb.set([10 * x + 50 * y, 255 - 10 * x - 50 * y, 7], (y * 5 + x) * 3);
  }
  return { width: 5, height: 3, rgb };
}

const pixel = (image: { width: number; rgb: Uint8Array }, x: number, y: number) => [
  ...image.rgb.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3),
];

describe('resizeBilinearOpenCv (cv2.resize INTER_LINEAR, 8-bit)', () => {
  // Hand-computed as OpenCV does it. Columns 5 → 3: scale 5/3, source x = (d + 0.5)·5/3 − 0.5 =
  // 0.333, 2.0, 3.667 → taps (0,1) weights 1365/683 of 2048, (2) 2048, (3,4) 683/1365. Rows 3 → 2:
  // y = 0.25, 1.75 → taps (0,1) 1536/512, (1,2) 512/1536. Output (0,0), red: rows 0 and 1 give
  // 0·1365 + 10·683 = 6830 and 50·1365 + 60·683 = 109230; ((1536·(6830>>4))>>16) = 9,
  // ((512·(109230>>4))>>16) = 53, (9 + 53 + 2) >> 2 = 16. Green likewise: 754 + 201 → 239.
  it('matches hand-computed OpenCV values on a non-square 5×3 → 3×2 shrink', () => {
    const out = resizeBilinearOpenCv(ramp(), 3, 2);
    expect([out.width, out.height, out.rgb.length]).toEqual([3, 2, 18]);
    expect(pixel(out, 0, 0)).toEqual([16, 239, 7]);
    // (1, 0): x = 2.0 exactly (one tap, 2048), y = 0.25: rows give 20·2048 and 70·2048;
    // (1536·2560)>>16 = 60, (512·8960)>>16 = 70, (60 + 70 + 2) >> 2 = 33 (32.5 rounded up).
    expect(pixel(out, 1, 0)[0]).toBe(33);
    // (2, 1): x = 3.667, y = 1.75: 36.67 + 87.5 = 124.17 → 124.
    expect(pixel(out, 2, 1)[0]).toBe(124);
  });

  it('samples two source pixels per axis without averaging the footprint when shrinking 4×', () => {
    // 8 → 2 columns: source x = 1.5 and 5.5, so columns 0, 3, 4 and 7 are never read; area
    // averaging would give a quarter of the bright column 0 to output 0.
    const rgb = new Uint8Array(8 * 1 * 3);
    rgb.set([200, 200, 200], 0);
    rgb.set([40, 40, 40], 2 * 3);
    const out = resizeBilinearOpenCv({ width: 8, height: 1, rgb }, 2, 1);
    expect(pixel(out, 0, 0)).toEqual([20, 20, 20]);
    expect(pixel(out, 1, 0)).toEqual([0, 0, 0]);
  });

  it('resizes as YOLOX preproc does: int(size · r), boxes divided by r', () => {
    const image = { width: 1768, height: 994, rgb: new Uint8Array(1768 * 994 * 3) };
    const { image: resized, ratio } = yoloxResize(image, [416, 416]);
    expect(ratio).toBeCloseTo(416 / 1768, 12);
    expect([resized.width, resized.height]).toEqual([416, 233]);
  });
});
