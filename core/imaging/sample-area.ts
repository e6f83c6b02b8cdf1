import type { ChannelPlan } from './normalization';
import type { RgbImage } from './sample-to-tensor';

/**
 * Downscaling by this factor or more (image pixels per tensor pixel) averages the whole footprint
 * of each tensor pixel instead of sampling 2×2 pixels. Bilinear sampling of a 1768-wide frame into
 * a 416-wide detector input skips three of every four columns and aliases thin limbs away; the area
 * average keeps them (YOLOX-nano finds the backlit person of the two-people clip at 0.67 instead of
 * 0.36). Below 3× bilinear (what the models were trained with) loses little, and the area pass costs
 * several bilinear crops: too much beside a pose model's own time.
 */
export const AREA_FILTER_MIN_SCALE = 3;

/**
 * For each output index along one axis, the source pixels its footprint covers: the first one, how
 * many, and three weights (first pixel, last pixel, each pixel in between — all interior pixels are
 * fully covered, so they share one weight). Weights sum to 1; count 0 means the footprint is outside.
 */
interface AreaTaps {
  start: Int32Array;
  count: Int32Array;
  firstWeight: Float32Array;
  lastWeight: Float32Array;
  innerWeight: Float32Array;
}

function areaTaps(outputSize: number, scale: number, shift: number, sourceSize: number): AreaTaps {
  const taps: AreaTaps = {
    start: new Int32Array(outputSize),
    count: new Int32Array(outputSize),
    firstWeight: new Float32Array(outputSize),
    lastWeight: new Float32Array(outputSize),
    innerWeight: new Float32Array(outputSize),
  };
  for (let i = 0; i < outputSize; i++) {
    const lo = Math.max(0, scale * i + shift);
    const hi = Math.min(sourceSize, scale * (i + 1) + shift);
    if (!(hi > lo)) continue; // footprint outside the image: padding
    const first = Math.floor(lo);
    const last = Math.ceil(hi) - 1;
    const total = hi - lo;
    taps.start[i] = first;
    taps.count[i] = last - first + 1;
    taps.firstWeight[i] = (Math.min(first + 1, hi) - lo) / total;
    taps.lastWeight[i] = last > first ? (hi - last) / total : 0;
    taps.innerWeight[i] = 1 / total;
  }
  return taps;
}

/** Grow-only scratch rows for the horizontal pass (single-threaded, so one buffer serves every call). */
let rowScratch = new Float32Array(0);

/**
 * Area-averaging resample for an axis-aligned, downscaling `tensorPixel → image` map
 * (x = scaleX·u + shiftX, y = scaleY·v + shiftY in continuous coordinates), written as a planar
 * CHW tensor. Two separable passes: every source row in the footprint is averaged horizontally once
 * into `rowScratch`, then output rows combine those sums with their vertical weights.
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
  let rowFirst = image.height;
  let rowEnd = 0;
  for (let y = 0; y < height; y++) {
    if (rows.count[y] === 0) continue;
    rowFirst = Math.min(rowFirst, rows.start[y]);
    rowEnd = Math.max(rowEnd, rows.start[y] + rows.count[y]);
  }
  const rowLength = width * 3;
  if (rowScratch.length < Math.max(0, rowEnd - rowFirst) * rowLength)
    rowScratch = new Float32Array((rowEnd - rowFirst) * rowLength);
  for (let r = rowFirst; r < rowEnd; r++) averageRow(image, r, cols, rowScratch, (r - rowFirst) * rowLength);
  combineRows(rows, cols, rowFirst, rowScratch, width, height, plan, out, offset);
}

/** Horizontal pass: source row `r` → one averaged RGB triple per output column. */
function averageRow(image: RgbImage, r: number, cols: AreaTaps, target: Float32Array, at: number): void {
  const rgb = image.rgb;
  const base = r * image.width * 3;
  const { start, count, firstWeight, lastWeight, innerWeight } = cols;
  for (let x = 0, o = at; x < start.length; x++, o += 3) {
    const n = count[x];
    if (n === 0) continue;
    const first = base + start[x] * 3;
    const wf = firstWeight[x];
    let red = wf * rgb[first];
    let green = wf * rgb[first + 1];
    let blue = wf * rgb[first + 2];
    if (n > 1) {
      const last = first + (n - 1) * 3;
      const wl = lastWeight[x];
      red += wl * rgb[last];
      green += wl * rgb[last + 1];
      blue += wl * rgb[last + 2];
      let sr = 0;
      let sg = 0;
      let sb = 0;
      for (let q = first + 3; q < last; q += 3) {
        sr += rgb[q];
        sg += rgb[q + 1];
        sb += rgb[q + 2];
      }
      const wi = innerWeight[x];
      red += wi * sr;
      green += wi * sg;
      blue += wi * sb;
    }
    target[o] = red;
    target[o + 1] = green;
    target[o + 2] = blue;
  }
}

/** Vertical pass: weighted sum of the averaged rows under each output row, normalised, planar out. */
function combineRows(
  rows: AreaTaps,
  cols: AreaTaps,
  rowFirst: number,
  sums: Float32Array,
  width: number,
  height: number,
  plan: ChannelPlan,
  out: Float32Array,
  offset: number,
): void {
  const plane = width * height;
  const rowLength = width * 3;
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  const [p0, p1, p2] = plan.pad;
  for (let y = 0; y < height; y++) {
    const rowStart = offset + y * width;
    const n = rows.count[y];
    if (n === 0) {
      out.fill(p0, rowStart, rowStart + width);
      out.fill(p1, rowStart + plane, rowStart + plane + width);
      out.fill(p2, rowStart + 2 * plane, rowStart + 2 * plane + width);
      continue;
    }
    const firstRow = (rows.start[y] - rowFirst) * rowLength;
    const lastRow = firstRow + (n - 1) * rowLength;
    const wf = rows.firstWeight[y];
    const wl = rows.lastWeight[y];
    const wi = rows.innerWeight[y];
    for (let x = 0, i = 0; x < width; x++, i += 3) {
      const o = rowStart + x;
      if (cols.count[x] === 0) {
        out[o] = p0;
        out[o + plane] = p1;
        out[o + 2 * plane] = p2;
        continue;
      }
      let c0 = wf * sums[firstRow + i + s0];
      let c1 = wf * sums[firstRow + i + s1];
      let c2 = wf * sums[firstRow + i + s2];
      if (n > 1) {
        c0 += wl * sums[lastRow + i + s0];
        c1 += wl * sums[lastRow + i + s1];
        c2 += wl * sums[lastRow + i + s2];
        for (let q = firstRow + rowLength; q < lastRow; q += rowLength) {
          c0 += wi * sums[q + i + s0];
          c1 += wi * sums[q + i + s1];
          c2 += wi * sums[q + i + s2];
        }
      }
      out[o] = c0 * m0 + a0;
      out[o + plane] = c1 * m1 + a1;
      out[o + 2 * plane] = c2 * m2 + a2;
    }
  }
}
