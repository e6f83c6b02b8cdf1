import type { ChannelPlan } from './normalization';
import type { RgbImage } from './sample-to-tensor';

/**
 * Downscaling by this factor or more (image pixels per tensor pixel) averages the whole footprint
 * of each tensor pixel instead of sampling 2×2 pixels. Bilinear sampling of a 1768-wide frame into
 * a 416-wide detector input skips three of every four columns and aliases thin limbs away; the area
 * average keeps them (YOLOX-nano finds the backlit person of the two-people clip at 0.64 instead of 0.36).
 */
export const AREA_FILTER_MIN_SCALE = 2;

/** For each output index along one axis: the source pixels it covers and their weights (sum 1). */
interface AreaTaps {
  start: Int32Array;
  count: Int32Array;
  /** Weights of output i at `weights[offset[i] … offset[i] + count[i])`. */
  offset: Int32Array;
  weights: Float32Array;
}

function areaTaps(outputSize: number, scale: number, shift: number, sourceSize: number): AreaTaps {
  const start = new Int32Array(outputSize);
  const count = new Int32Array(outputSize);
  const offset = new Int32Array(outputSize);
  const weights: number[] = [];
  for (let i = 0; i < outputSize; i++) {
    const lo = Math.max(0, scale * i + shift);
    const hi = Math.min(sourceSize, scale * (i + 1) + shift);
    offset[i] = weights.length;
    if (!(hi > lo)) continue; // footprint outside the image: padding
    const first = Math.floor(lo);
    const last = Math.ceil(hi) - 1;
    const total = hi - lo;
    for (let p = first; p <= last; p++) weights.push((Math.min(p + 1, hi) - Math.max(p, lo)) / total);
    start[i] = first;
    count[i] = last - first + 1;
  }
  return { start, count, offset, weights: Float32Array.from(weights) };
}

/**
 * Area-averaging resample for an axis-aligned, downscaling `tensorPixel → image` map
 * (x = scaleX·u + shiftX, y = scaleY·v + shiftY in continuous coordinates), written as a planar
 * CHW tensor. Each source row is summed horizontally once per output row that covers it.
 */
export function sampleArea(
  image: RgbImage,
  scaleX: number,
  shiftX: number,
  scaleY: number,
  shiftY: number,
  tensorSize: readonly [width: number, height: number],
  plan: ChannelPlan,
  out: Float32Array,
  offset: number,
): void {
  const [width, height] = tensorSize;
  const cols = areaTaps(width, scaleX, shiftX, image.width);
  const rows = areaTaps(height, scaleY, shiftY, image.height);
  const rgb = image.rgb;
  const rowStride = image.width * 3;
  const plane = width * height;
  const acc = new Float32Array(width * 3);
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  const [p0, p1, p2] = plan.pad;
  for (let y = 0; y < height; y++) {
    const rowStart = offset + y * width;
    acc.fill(0);
    for (let t = 0; t < rows.count[y]; t++) {
      const rowWeight = rows.weights[rows.offset[y] + t];
      const base = (rows.start[y] + t) * rowStride;
      for (let x = 0; x < width; x++) {
        // Interior pixels share one weight: sum them plainly, weight the two partial edges apart.
        const n = cols.count[x];
        const w0 = cols.offset[x];
        const first = base + cols.start[x] * 3;
        const last = first + (n - 1) * 3;
        const edgeFirst = cols.weights[w0];
        let r = edgeFirst * rgb[first];
        let g = edgeFirst * rgb[first + 1];
        let b = edgeFirst * rgb[first + 2];
        if (n > 1) {
          const edgeLast = cols.weights[w0 + n - 1];
          r += edgeLast * rgb[last];
          g += edgeLast * rgb[last + 1];
          b += edgeLast * rgb[last + 2];
        }
        if (n > 2) {
          let sr = 0;
          let sg = 0;
          let sb = 0;
          for (let q = first + 3; q < last; q += 3) {
            sr += rgb[q];
            sg += rgb[q + 1];
            sb += rgb[q + 2];
          }
          const inner = cols.weights[w0 + 1];
          r += inner * sr;
          g += inner * sg;
          b += inner * sb;
        }
        acc[x * 3] += rowWeight * r;
        acc[x * 3 + 1] += rowWeight * g;
        acc[x * 3 + 2] += rowWeight * b;
      }
    }
    const rowValid = rows.count[y] > 0;
    for (let x = 0; x < width; x++) {
      const o = rowStart + x;
      if (!rowValid || cols.count[x] === 0) {
        out[o] = p0;
        out[o + plane] = p1;
        out[o + 2 * plane] = p2;
        continue;
      }
      out[o] = acc[x * 3 + s0] * m0 + a0;
      out[o + plane] = acc[x * 3 + s1] * m1 + a1;
      out[o + 2 * plane] = acc[x * 3 + s2] * m2 + a2;
    }
  }
}
