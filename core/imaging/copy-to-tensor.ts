import type { ChannelPlan } from './normalization';
import type { RgbImage } from './sample-to-tensor';

/** How far (in pixels) a map may stray from the identity and still be sampled as a copy. */
export const COPY_MAX_OFFSET_PX = 0.25;

/**
 * True when the axis map `continuous image = scale · (tensor + 0.5) + shift` keeps every tensor
 * pixel that lands in the image (the first min(tensorSize, imageSize)) within COPY_MAX_OFFSET_PX
 * of the image pixel with the same index: then sampling is a copy. The decoder's downscaled copy
 * of a frame is made at the detector's size rounded to whole pixels, so its map is 1 ± 0.001.
 */
export function isPixelAligned(scale: number, shift: number, tensorSize: number, imageSize: number): boolean {
  return Math.abs(shift) < 1e-6 && Math.abs(scale - 1) * Math.min(tensorSize, imageSize) < COPY_MAX_OFFSET_PX;
}

/**
 * Fills a planar CHW tensor of `width × height` from a packed RGB image pixel for pixel (tensor
 * pixel (x, y) = image pixel (x, y)), normalised by `plan`; tensor pixels beyond the image get the
 * pad value.
 */
export function copyToTensor(
  image: RgbImage,
  width: number,
  height: number,
  plan: ChannelPlan,
  out: Float32Array,
  offset: number,
): void {
  const plane = width * height;
  const rgb = image.rgb;
  const [s0, s1, s2] = plan.source;
  const [m0, m1, m2] = plan.mul;
  const [a0, a1, a2] = plan.add;
  const [p0, p1, p2] = plan.pad;
  const inWidth = Math.min(width, image.width);
  const inHeight = Math.min(height, image.height);
  for (let y = 0; y < height; y++) {
    const rowStart = offset + y * width;
    const from = y < inHeight ? inWidth : 0;
    if (from > 0) {
      let q = y * image.width * 3;
      for (let x = 0, o = rowStart; x < inWidth; x++, o++, q += 3) {
        out[o] = rgb[q + s0] * m0 + a0;
        out[o + plane] = rgb[q + s1] * m1 + a1;
        out[o + 2 * plane] = rgb[q + s2] * m2 + a2;
      }
    }
    out.fill(p0, rowStart + from, rowStart + width);
    out.fill(p1, rowStart + plane + from, rowStart + plane + width);
    out.fill(p2, rowStart + 2 * plane + from, rowStart + 2 * plane + width);
  }
}
