import type { HeatmapShape } from './heatmap-argmax';

/** Gaussian blur applied before the Taylor step (DARK, Zhang et al. CVPR 2020; 11 for 64×48 maps). */
export const DARK_BLUR_KERNEL = 11;
const LOG_FLOOR = 1e-10;

/**
 * DARK sub-pixel refinement. `coords` holds `[x, y, score]` per keypoint with x, y the integer argmax
 * (heatmap pixel-index coordinates); x and y are replaced by the maximum of a second-order Taylor
 * expansion of the log of the blurred heatmap: offset = −H⁻¹·∇. A heatmap peak is close to a Gaussian,
 * whose log is a parabola, so this recovers the peak to a small fraction of a pixel. Only the 5×5
 * neighbourhood of the peak is blurred (the blur's scale cancels in the log derivatives). Peaks within
 * two pixels of the border, or where the Hessian is not that of a maximum, are left unchanged, so the
 * caller should pass quarter-shifted coordinates for those to fall back on.
 */
export function refineDark(
  heatmaps: Float32Array,
  shape: HeatmapShape,
  coords: Float32Array,
  options: { offset?: number; blurKernel?: number } = {},
): Float32Array {
  const [keypoints, height, width] = shape;
  const offset = options.offset ?? 0;
  const maxHalf = ((options.blurKernel ?? DARK_BLUR_KERNEL) - 1) / 2;
  gaussianKernel(2 * maxHalf + 1); // validates the size
  const kernels = new Map<number, Float64Array>();
  const logs = new Float64Array(25);
  for (let k = 0; k < keypoints; k++) {
    const px = Math.round(coords[k * 3]);
    const py = Math.round(coords[k * 3 + 1]);
    if (px < 2 || px > width - 3 || py < 2 || py > height - 3) continue;
    const base = offset + k * width * height;
    // Near the border the blur shrinks so that it never reads outside the map: a mirrored or
    // zero-padded border would shift the peak of a blob that sits close to the edge.
    const half = Math.min(maxHalf, px - 2, width - 3 - px, py - 2, height - 3 - py);
    let kernel = kernels.get(half);
    if (!kernel) kernels.set(half, (kernel = half > 0 ? gaussianKernel(2 * half + 1) : Float64Array.of(1)));
    for (let j = -2; j <= 2; j++) {
      for (let i = -2; i <= 2; i++) {
        const value = blurredAt(heatmaps, base, width, px + i, py + j, kernel);
        logs[(j + 2) * 5 + (i + 2)] = Math.log(Math.max(value, LOG_FLOOR));
      }
    }
    const at = (i: number, j: number) => logs[(j + 2) * 5 + (i + 2)];
    const dx = 0.5 * (at(1, 0) - at(-1, 0));
    const dy = 0.5 * (at(0, 1) - at(0, -1));
    const dxx = 0.25 * (at(2, 0) - 2 * at(0, 0) + at(-2, 0));
    const dyy = 0.25 * (at(0, 2) - 2 * at(0, 0) + at(0, -2));
    const dxy = 0.25 * (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1));
    const det = dxx * dyy - dxy * dxy;
    if (!(dxx < 0 && det > 0)) continue;
    const offsetX = -(dyy * dx - dxy * dy) / det;
    const offsetY = -(dxx * dy - dxy * dx) / det;
    // A genuine peak lies within a pixel of the argmax; larger steps mean a flat or odd map.
    if (Math.abs(offsetX) > 1 || Math.abs(offsetY) > 1) continue;
    coords[k * 3] = px + offsetX;
    coords[k * 3 + 1] = py + offsetY;
  }
  return coords;
}

/** Normalised 1-D Gaussian of odd `size` with OpenCV's default sigma for that size. */
export function gaussianKernel(size: number): Float64Array {
  if (!Number.isInteger(size) || size < 3 || size % 2 === 0) {
    throw new Error(`Invalid blur kernel ${size}. Should be an odd integer ≥ 3.`);
  }
  const sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
  const half = (size - 1) / 2;
  const kernel = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    kernel[i] = Math.exp(-((i - half) ** 2) / (2 * sigma * sigma));
    sum += kernel[i];
  }
  for (let i = 0; i < size; i++) kernel[i] /= sum;
  return kernel;
}

/** Value of the heatmap blurred with the separable `kernel` at (x, y); the caller keeps the taps inside. */
function blurredAt(
  heatmaps: Float32Array,
  base: number,
  width: number,
  x: number,
  y: number,
  kernel: Float64Array,
): number {
  const half = (kernel.length - 1) / 2;
  let sum = 0;
  for (let j = -half; j <= half; j++) {
    const row = base + (y + j) * width + x;
    let rowSum = 0;
    for (let i = -half; i <= half; i++) rowSum += kernel[i + half] * heatmaps[row + i];
    sum += kernel[j + half] * rowSum;
  }
  return sum;
}
