import { describe, expect, it } from 'vitest';
import { sampleToTensor } from '../../../core/imaging/sample-to-tensor';
import { channelPlan } from '../../../core/imaging/normalization';
import { cropTransform } from '../../../core/pose/crop-transform';
import type { Affine } from '../../../core/imaging/affine';

/** A 7×5 image (non-square) whose red channel is 10·x + y, green 100, blue 200 + x. */
function gradientImage(width = 7, height = 5) {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      rgb[o] = 10 * x + y;
      rgb[o + 1] = 100;
      rgb[o + 2] = 200 + x;
    }
  }
  return { width, height, rgb };
}

const RAW_RGB = channelPlan({ colorOrder: 'RGB', scale: 1, mean: [0, 0, 0], std: [1, 1, 1], padValue: 114 });

describe('sampleToTensor', () => {
  it('copies pixels exactly under the identity and pads outside the image', () => {
    const image = gradientImage();
    const out = new Float32Array(3 * 6 * 8);
    sampleToTensor(image, [1, 0, 0, 0, 1, 0], [8, 6], RAW_RGB, out);
    const at = (c: number, x: number, y: number) => out[c * 48 + y * 8 + x];
    expect(at(0, 3, 2)).toBe(32);
    expect(at(0, 6, 4)).toBe(64);
    expect(at(2, 6, 0)).toBe(206);
    expect(at(1, 7, 0)).toBe(114); // column 7 is past the 7-wide image
    expect(at(0, 0, 5)).toBe(114); // row 5 is past the 5-high image
  });

  it('takes a map within a tenth of a pixel of the identity as a copy, and BGR order and normalisation with it', () => {
    const image = gradientImage();
    const bgr = channelPlan({
      colorOrder: 'BGR',
      scale: 1 / 255,
      mean: [0.5, 0.5, 0.5],
      std: [0.25, 0.25, 0.25],
      padValue: 0,
    });
    const copied = new Float32Array(3 * 6 * 8);
    const exact = new Float32Array(3 * 6 * 8);
    // 1.0004 vertically: over 6 rows the map strays 0.0024 px from the identity.
    sampleToTensor(image, [1, 0, 0, 0, 1.0004, 0], [8, 6], bgr, copied);
    sampleToTensor(image, [1, 0, 0, 0, 1, 0], [8, 6], bgr, exact);
    expect([...copied]).toEqual([...exact]);
    expect(copied[2 * 48 + 2 * 8 + 3]).toBeCloseTo((32 / 255 - 0.5) / 0.25, 5); // red is channel 2 in BGR
    expect(copied[2 * 48 + 0 * 8 + 7]).toBeCloseTo((0 - 0.5) / 0.25, 5); // padding, normalised
    // A map half a pixel off is no copy: it interpolates.
    const shifted = new Float32Array(3 * 6 * 8);
    sampleToTensor(image, [1, 0, 0.5, 0, 1, 0], [8, 6], RAW_RGB, shifted);
    expect(shifted[0 * 48 + 2 * 8 + 3]).toBe(37);
  });

  it('interpolates bilinearly between pixel centres', () => {
    const image = gradientImage();
    const out = new Float32Array(3);
    // One tensor pixel whose centre (0.5, 0.5) lands on image point (2.75, 1.5): between x=2 and x=3.
    sampleToTensor(image, [1, 0, 2.25, 0, 1, 1], [1, 1], RAW_RGB, out);
    expect(out[0]).toBeCloseTo(10 * 2.25 + 1, 4);
    expect(out[2]).toBeCloseTo(202.25, 4);
  });

  it('applies colour order, scale, mean and std per model channel', () => {
    const image = gradientImage();
    const plan = channelPlan({
      colorOrder: 'BGR',
      scale: 1 / 255,
      mean: [0.5, 0.25, 0],
      std: [0.5, 0.25, 2],
      padValue: 0,
    });
    const out = new Float32Array(3);
    sampleToTensor(image, [1, 0, 4, 0, 1, 3], [1, 1], plan, out); // pixel (4, 3)
    expect(out[0]).toBeCloseTo((204 / 255 - 0.5) / 0.5, 5); // blue first
    expect(out[1]).toBeCloseTo((100 / 255 - 0.25) / 0.25, 5);
    expect(out[2]).toBeCloseTo(43 / 255 / 2, 5);
  });

  it('gives the same values on the separable and the general (rotated) path', () => {
    const image = gradientImage(40, 23);
    const size: [number, number] = [12, 16];
    const { cropToImage } = cropTransform({ x: 5, y: 3, w: 10, h: 8 }, size); // ≈1:1, bilinear
    const separable = new Float32Array(3 * 12 * 16);
    sampleToTensor(image, cropToImage, size, RAW_RGB, separable);
    // A tiny rotation forces the general path; its values must stay within the rotation's effect.
    const nudged: Affine = [cropToImage[0], 1e-9, cropToImage[2], -1e-9, cropToImage[4], cropToImage[5]];
    const general = new Float32Array(separable.length);
    sampleToTensor(image, nudged, size, RAW_RGB, general);
    for (let i = 0; i < separable.length; i++) expect(general[i]).toBeCloseTo(separable[i], 3);
  });

  it('writes at the given offset and names the shortfall when the buffer is too small', () => {
    const image = gradientImage();
    const out = new Float32Array(3 * 4 + 5);
    sampleToTensor(image, [1, 0, 0, 0, 1, 0], [2, 2], RAW_RGB, out, 5);
    expect(out[5]).toBe(0);
    expect(out[6]).toBe(10);
    expect(() => sampleToTensor(image, [1, 0, 0, 0, 1, 0], [4, 4], RAW_RGB, out)).toThrow(/holds 17 floats; 48 needed/);
  });

  it('averages whole 4×4 blocks when downscaling by 4 (area filter)', () => {
    const image = gradientImage(16, 8);
    const out = new Float32Array(3 * 4 * 2);
    sampleToTensor(image, [4, 0, 0, 0, 4, 0], [4, 2], RAW_RGB, out);
    // Block (1, 1) covers x 4..7, y 4..7: mean red = 10·5.5 + 5.5.
    expect(out[1 * 4 + 1]).toBeCloseTo(60.5, 4);
    expect(out[2 * 8 + 0]).toBeCloseTo(201.5, 4); // blue of block (0, 0): 200 + mean x 1.5
  });

  it('weights partly covered pixels and pads outside the image on the area path', () => {
    const image = gradientImage(14, 7);
    const out = new Float32Array(3 * 5 * 3);
    // 3.5 image px per tensor px: column 0 covers x 0..3.5, so pixel 3 counts half.
    sampleToTensor(image, [3.5, 0, 0, 0, 3.5, 0], [5, 3], RAW_RGB, out);
    const red = (x: number, y: number) => out[y * 5 + x];
    const meanRow0 = (0 + 1 + 2 + 0.5 * 3) / 3.5;
    expect(red(0, 0)).toBeCloseTo(10 * ((0 + 1 + 2 + 0.5 * 3) / 3.5) + meanRow0, 4);
    expect(red(3, 1)).toBeCloseTo(10 * ((0.5 * 10 + 11 + 12 + 13) / 3.5) + (0.5 * 3 + 4 + 5 + 6) / 3.5, 4);
    expect(red(4, 0)).toBe(114); // column 4 covers x 14..17.5, right of the 14-wide image
    expect(red(1, 2)).toBe(114); // row 2 lies below the 7-high image
  });
});
