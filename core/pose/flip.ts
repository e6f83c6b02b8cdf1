import type { HeatmapShape } from './heatmap-argmax';

/**
 * Mirrors planar images (C,H,W) left↔right from `src[srcOffset…]` into `dst[dstOffset…]`.
 * With pixel-edge coordinates (see affine.ts) this is exactly x → W − x, so a crop and its mirror
 * share one crop transform and the flipped heatmaps need no half-pixel shift afterwards.
 */
export function flipPlanesHorizontally(
  src: Float32Array,
  srcOffset: number,
  dst: Float32Array,
  dstOffset: number,
  shape: readonly [channels: number, height: number, width: number],
): void {
  const [channels, height, width] = shape;
  for (let row = 0; row < channels * height; row++) {
    const from = srcOffset + row * width;
    const to = dstOffset + row * width + width - 1;
    for (let x = 0; x < width; x++) dst[to - x] = src[from + x];
  }
}

/**
 * Maps the heatmaps of a mirrored crop back to the original orientation: columns are mirrored and
 * each left/right keypoint takes the heatmap of its partner (the model's "left wrist" in a mirrored
 * image is the person's right wrist). Writes into `out` (K,H,W) and returns it.
 */
export function unflipHeatmaps(
  flipped: Float32Array,
  shape: HeatmapShape,
  flipPairs: readonly (readonly [number, number])[],
  out: Float32Array,
  offset = 0,
): Float32Array {
  const [keypoints, height, width] = shape;
  const partner = Array.from({ length: keypoints }, (_, k) => k);
  for (const [a, b] of flipPairs) {
    if (a >= keypoints || b >= keypoints) {
      throw new Error(`Flip pair (${a}, ${b}) is outside the ${keypoints} heatmaps.`);
    }
    partner[a] = b;
    partner[b] = a;
  }
  const plane = width * height;
  for (let k = 0; k < keypoints; k++) {
    flipPlanesHorizontally(flipped, offset + partner[k] * plane, out, k * plane, [1, height, width]);
  }
  return out;
}
