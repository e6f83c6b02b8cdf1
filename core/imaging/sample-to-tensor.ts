import type { Frame } from '../types';
import type { Affine } from './affine';
import type { ChannelPlan } from './normalization';
import { AREA_FILTER_MIN_SCALE, sampleArea } from './sample-area';
import { copyToTensor, isPixelAligned } from './copy-to-tensor';

export type RgbImage = Pick<Frame, 'width' | 'height' | 'rgb'>;

/**
 * How a shrinking axis-aligned map is sampled: 'bilinear' always takes the 2×2 pixels around each
 * point, as OpenCV's `resize` (INTER_LINEAR) and `warpAffine` do, which is what the detectors were
 * trained on; 'area-when-shrinking' averages each tensor pixel's footprint from AREA_FILTER_MIN_SCALE on.
 */
export type ResizeFilter = 'bilinear' | 'area-when-shrinking';

/**
 * Fills one planar CHW tensor (3 × height × width floats at `out[offset…]`) by bilinear sampling of
 * a packed RGB image: tensor pixel (x, y) takes the image value at `tensorToImage(x + 0.5, y + 0.5)`
 * (continuous coordinates, see affine.ts), normalised by `plan`. Points outside the image get the
 * pad value. Axis-aligned transforms (letterbox, unrotated crops) take a separable path with
 * per-column and per-row lookup tables, which is what keeps the pose stage close to bare inference;
 * with `filter` 'area-when-shrinking', axis-aligned downscaling by AREA_FILTER_MIN_SCALE or more
 * averages each pixel's footprint instead, and a map that puts every tensor pixel on the image pixel of the same index is a plain copy.
 */
export function sampleToTensor(
  image: RgbImage,
  tensorToImage: Affine,
  tensorSize: readonly [width: number, height: number],
  plan: ChannelPlan,
  out: Float32Array,
  offset = 0,
  filter: ResizeFilter = 'area-when-shrinking',
): void {
  const [width, height] = tensorSize;
  if (out.length < offset + 3 * width * height) {
    throw new Error(`Tensor buffer holds ${out.length} floats; ${offset + 3 * width * height} needed.`);
  }
  if (image.rgb.length < image.width * image.height * 3) {
    throw new Error(`Image buffer holds ${image.rgb.length} bytes; ${image.width}×${image.height}×3 needed.`);
  }
  const [a, b, c, d, e, f] = tensorToImage;
  const axisAligned = b === 0 && d === 0;
  if (axisAligned && isPixelAligned(a, c, width, image.width) && isPixelAligned(e, f, height, image.height)) {
    copyToTensor(image, width, height, plan, out, offset);
  } else if (
    axisAligned &&
    filter === 'area-when-shrinking' &&
    a >= AREA_FILTER_MIN_SCALE &&
    e >= AREA_FILTER_MIN_SCALE
  ) {
    sampleArea(image, a, c, e, f, tensorSize, plan, out, offset);
  } else if (axisAligned) {
    sampleSeparable(image, tensorToImage, width, height, plan, out, offset);
  } else {
    sampleGeneral(image, tensorToImage, width, height, plan, out, offset);
  }
}

/**
 * Per output column (or row): byte offsets of the two neighbouring source pixels and the weight of
 * the second. Outputs in [first, end) sample inside the image; the rest are padding.
 */
interface AxisTable {
  index0: Int32Array;
  index1: Int32Array;
  weight: Float32Array;
  first: number;
  end: number;
}

function axisTable(count: number, scale: number, shift: number, sourceSize: number, stride: number): AxisTable {
  const index0 = new Int32Array(count);
  const index1 = new Int32Array(count);
  const weight = new Float32Array(count);
  let first = count;
  let end = 0;
  for (let i = 0; i < count; i++) {
    const continuous = scale * (i + 0.5) + shift;
    if (!(continuous >= 0 && continuous < sourceSize)) continue;
    first = Math.min(first, i);
    end = i + 1;
    const u = continuous - 0.5; // pixel-centre coordinates
    const i0 = Math.max(0, Math.floor(u));
    index0[i] = i0 * stride;
    index1[i] = Math.min(i0 + 1, sourceSize - 1) * stride;
    weight[i] = u < 0 ? 0 : u - i0;
  }
  // With a positive scale the inside outputs are one contiguous run; a mirrored axis is too.
  return { index0, index1, weight, first: Math.min(first, end), end };
}

function fillPad(out: Float32Array, from: number, to: number, plane: number, pad: readonly number[]): void {
  if (to <= from) return;
  out.fill(pad[0], from, to);
  out.fill(pad[1], from + plane, to + plane);
  out.fill(pad[2], from + 2 * plane, to + 2 * plane);
}

/** The hot path of the pose stage: arrays hoisted into locals, bilinear written out per channel. */
function sampleSeparable(
  image: RgbImage,
  m: Affine,
  width: number,
  height: number,
  plan: ChannelPlan,
  out: Float32Array,
  offset: number,
): void {
  const cols = axisTable(width, m[0], m[2], image.width, 3);
  const rows = axisTable(height, m[4], m[5], image.height, image.width * 3);
  const { index0: col0, index1: col1, weight: colWeight, first: xFirst, end: xEnd } = cols;
  const rgb = image.rgb;
  const plane = width * height;
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  for (let y = 0; y < height; y++) {
    const rowStart = offset + y * width;
    if (y < rows.first || y >= rows.end) {
      fillPad(out, rowStart, rowStart + width, plane, plan.pad);
      continue;
    }
    fillPad(out, rowStart, rowStart + xFirst, plane, plan.pad);
    fillPad(out, rowStart + xEnd, rowStart + width, plane, plan.pad);
    const r0 = rows.index0[y];
    const r1 = rows.index1[y];
    const wy = rows.weight[y];
    for (let x = xFirst; x < xEnd; x++) {
      const o = rowStart + x;
      const wx = colWeight[x];
      const q00 = r0 + col0[x];
      const q01 = r0 + col1[x];
      const q10 = r1 + col0[x];
      const q11 = r1 + col1[x];
      let top = rgb[q00 + s0] + (rgb[q01 + s0] - rgb[q00 + s0]) * wx;
      let bottom = rgb[q10 + s0] + (rgb[q11 + s0] - rgb[q10 + s0]) * wx;
      out[o] = (top + (bottom - top) * wy) * m0 + a0;
      top = rgb[q00 + s1] + (rgb[q01 + s1] - rgb[q00 + s1]) * wx;
      bottom = rgb[q10 + s1] + (rgb[q11 + s1] - rgb[q10 + s1]) * wx;
      out[o + plane] = (top + (bottom - top) * wy) * m1 + a1;
      top = rgb[q00 + s2] + (rgb[q01 + s2] - rgb[q00 + s2]) * wx;
      bottom = rgb[q10 + s2] + (rgb[q11 + s2] - rgb[q10 + s2]) * wx;
      out[o + 2 * plane] = (top + (bottom - top) * wy) * m2 + a2;
    }
  }
}

function sampleGeneral(
  image: RgbImage,
  m: Affine,
  width: number,
  height: number,
  plan: ChannelPlan,
  out: Float32Array,
  offset: number,
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

function bilinear(rgb: Uint8Array, q00: number, q01: number, q10: number, q11: number, wx: number, wy: number): number {
  const top = rgb[q00] + (rgb[q01] - rgb[q00]) * wx;
  const bottom = rgb[q10] + (rgb[q11] - rgb[q10]) * wx;
  return top + (bottom - top) * wy;
}
