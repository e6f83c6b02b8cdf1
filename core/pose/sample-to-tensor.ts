import type { Frame } from '../types';
import type { Affine } from './affine';
import type { ChannelPlan } from './normalization';

export type RgbImage = Pick<Frame, 'width' | 'height' | 'rgb'>;

/**
 * Fills one planar CHW tensor (3 × height × width floats at `out[offset…]`) by bilinear sampling of
 * a packed RGB image: tensor pixel (x, y) takes the image value at `tensorToImage(x + 0.5, y + 0.5)`
 * (continuous coordinates, see affine.ts), normalised by `plan`. Points outside the image get the
 * pad value. Axis-aligned transforms (letterbox, unrotated crops) take a separable path with
 * per-column and per-row lookup tables, which is what keeps the pose stage close to bare inference.
 */
export function sampleToTensor(
  image: RgbImage,
  tensorToImage: Affine,
  tensorSize: readonly [width: number, height: number],
  plan: ChannelPlan,
  out: Float32Array,
  offset = 0,
): void {
  const [width, height] = tensorSize;
  if (out.length < offset + 3 * width * height) {
    throw new Error(`Tensor buffer holds ${out.length} floats; ${offset + 3 * width * height} needed.`);
  }
  if (image.rgb.length < image.width * image.height * 3) {
    throw new Error(`Image buffer holds ${image.rgb.length} bytes; ${image.width}×${image.height}×3 needed.`);
  }
  if (tensorToImage[1] === 0 && tensorToImage[3] === 0) {
    sampleSeparable(image, tensorToImage, width, height, plan, out, offset);
  } else {
    sampleGeneral(image, tensorToImage, width, height, plan, out, offset);
  }
}

/** Per output column (or row): the two neighbouring source indices, the weight, and validity. */
interface AxisTable {
  index0: Int32Array;
  index1: Int32Array;
  weight: Float32Array;
  valid: Uint8Array;
}

function axisTable(count: number, scale: number, shift: number, sourceSize: number, stride: number): AxisTable {
  const table: AxisTable = {
    index0: new Int32Array(count),
    index1: new Int32Array(count),
    weight: new Float32Array(count),
    valid: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const continuous = scale * (i + 0.5) + shift;
    if (!(continuous >= 0 && continuous < sourceSize)) continue;
    const u = continuous - 0.5; // pixel-centre coordinates
    let i0 = Math.floor(u);
    let weight = u - i0;
    if (i0 < 0) {
      i0 = 0;
      weight = 0;
    }
    const i1 = Math.min(i0 + 1, sourceSize - 1);
    table.index0[i] = i0 * stride;
    table.index1[i] = i1 * stride;
    table.weight[i] = weight;
    table.valid[i] = 1;
  }
  return table;
}

function sampleSeparable(
  image: RgbImage, m: Affine, width: number, height: number, plan: ChannelPlan, out: Float32Array, offset: number,
): void {
  const cols = axisTable(width, m[0], m[2], image.width, 3);
  const rows = axisTable(height, m[4], m[5], image.height, image.width * 3);
  const rgb = image.rgb;
  const plane = width * height;
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  const [p0, p1, p2] = plan.pad;
  for (let y = 0; y < height; y++) {
    const rowStart = offset + y * width;
    if (!rows.valid[y]) {
      out.fill(p0, rowStart, rowStart + width);
      out.fill(p1, rowStart + plane, rowStart + plane + width);
      out.fill(p2, rowStart + 2 * plane, rowStart + 2 * plane + width);
      continue;
    }
    const r0 = rows.index0[y];
    const r1 = rows.index1[y];
    const wy = rows.weight[y];
    for (let x = 0; x < width; x++) {
      const o = rowStart + x;
      if (!cols.valid[x]) {
        out[o] = p0;
        out[o + plane] = p1;
        out[o + 2 * plane] = p2;
        continue;
      }
      const c0 = cols.index0[x];
      const c1 = cols.index1[x];
      const wx = cols.weight[x];
      const q00 = r0 + c0;
      const q01 = r0 + c1;
      const q10 = r1 + c0;
      const q11 = r1 + c1;
      out[o] = bilinear(rgb, q00 + s0, q01 + s0, q10 + s0, q11 + s0, wx, wy) * m0 + a0;
      out[o + plane] = bilinear(rgb, q00 + s1, q01 + s1, q10 + s1, q11 + s1, wx, wy) * m1 + a1;
      out[o + 2 * plane] = bilinear(rgb, q00 + s2, q01 + s2, q10 + s2, q11 + s2, wx, wy) * m2 + a2;
    }
  }
}

function sampleGeneral(
  image: RgbImage, m: Affine, width: number, height: number, plan: ChannelPlan, out: Float32Array, offset: number,
): void {
  const { width: imageWidth, height: imageHeight, rgb } = image;
  const rowStride = imageWidth * 3;
  const plane = width * height;
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  const [p0, p1, p2] = plan.pad;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = offset + y * width + x;
      const cu = m[0] * (x + 0.5) + m[1] * (y + 0.5) + m[2];
      const cv = m[3] * (x + 0.5) + m[4] * (y + 0.5) + m[5];
      if (!(cu >= 0 && cu < imageWidth && cv >= 0 && cv < imageHeight)) {
        out[o] = p0;
        out[o + plane] = p1;
        out[o + 2 * plane] = p2;
        continue;
      }
      const u = Math.max(cu - 0.5, 0);
      const v = Math.max(cv - 0.5, 0);
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const wx = u - x0;
      const wy = v - y0;
      const c0 = x0 * 3;
      const c1 = Math.min(x0 + 1, imageWidth - 1) * 3;
      const r0 = y0 * rowStride;
      const r1 = Math.min(y0 + 1, imageHeight - 1) * rowStride;
      const q00 = r0 + c0;
      const q01 = r0 + c1;
      const q10 = r1 + c0;
      const q11 = r1 + c1;
      out[o] = bilinear(rgb, q00 + s0, q01 + s0, q10 + s0, q11 + s0, wx, wy) * m0 + a0;
      out[o + plane] = bilinear(rgb, q00 + s1, q01 + s1, q10 + s1, q11 + s1, wx, wy) * m1 + a1;
      out[o + 2 * plane] = bilinear(rgb, q00 + s2, q01 + s2, q10 + s2, q11 + s2, wx, wy) * m2 + a2;
    }
  }
}

function bilinear(
  rgb: Uint8Array, q00: number, q01: number, q10: number, q11: number, wx: number, wy: number,
): number {
  const top = rgb[q00] + (rgb[q01] - rgb[q00]) * wx;
  const bottom = rgb[q10] + (rgb[q11] - rgb[q10]) * wx;
  return top + (bottom - top) * wy;
}
