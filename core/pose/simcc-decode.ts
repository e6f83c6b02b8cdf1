/**
 * SimCC decoding (RTMPose): a top-down model classifies each keypoint's x and y separately over
 * `splitRatio` bins per model-input pixel, `simccX (K, W·splitRatio)` and `simccY (K, H·splitRatio)`.
 * The keypoint lies at the best bin of each axis, its score is the lower of the two maxima.
 */

/** Sizes of one crop's SimCC outputs: keypoints, x bins, y bins. */
export type SimccShape = readonly [keypoints: number, xBins: number, yBins: number];

/** Where the location goes when a keypoint's score is not positive (in bins, as MMPose marks it). */
export const SIMCC_NO_PEAK_BIN = -1;

export interface SimccInput {
  simccX: ArrayLike<number>;
  simccY: ArrayLike<number>;
  /** Start of this crop's values in each array (default 0). */
  offsetX?: number;
  offsetY?: number;
}

/**
 * Per keypoint `[x, y, score]` into `out` (K × 3), computed as MMPose's `get_simcc_maximum` and
 * `SimCCLabel.decode` do: x and y are the first maximum's bin index / `splitRatio`, in model-input
 * pixel-index coordinates (pixel j's centre is j); the score is min(max x, max y), raw logits, not
 * clamped; where the score is ≤ 0 both coordinates are −1 / `splitRatio`.
 */
export function decodeSimcc(
  input: SimccInput,
  shape: SimccShape,
  splitRatio: number,
  out: Float64Array | Float32Array,
): Float64Array | Float32Array {
  const [keypoints, xBins, yBins] = shape;
  const offsetX = input.offsetX ?? 0;
  const offsetY = input.offsetY ?? 0;
  if (!(splitRatio > 0)) throw new Error(`Invalid SimCC split ratio ${splitRatio}. Should be a positive number.`);
  if (input.simccX.length < offsetX + keypoints * xBins || input.simccY.length < offsetY + keypoints * yBins) {
    throw new Error(
      `SimCC outputs hold ${input.simccX.length - offsetX} x and ${input.simccY.length - offsetY} y values; shape (${shape.join(',')}) needs ${keypoints * xBins} and ${keypoints * yBins}.`,
    );
  }
  if (out.length < keypoints * 3)
    throw new Error(`SimCC decode needs ${keypoints * 3} output slots; got ${out.length}.`);
  for (let k = 0; k < keypoints; k++) {
    const x = firstMaximum(input.simccX, offsetX + k * xBins, xBins);
    const y = firstMaximum(input.simccY, offsetY + k * yBins, yBins);
    const score = Math.min(x.value, y.value);
    const peaked = score > 0;
    out[k * 3] = (peaked ? x.index : SIMCC_NO_PEAK_BIN) / splitRatio;
    out[k * 3 + 1] = (peaked ? y.index : SIMCC_NO_PEAK_BIN) / splitRatio;
    out[k * 3 + 2] = score;
  }
  return out;
}

/** Index (from `start`) and value of the first largest of `count` values, as numpy's argmax picks. */
function firstMaximum(values: ArrayLike<number>, start: number, count: number): { index: number; value: number } {
  let best = 0;
  let bestValue = values[start];
  for (let i = 1; i < count; i++) {
    const value = values[start + i];
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return { index: best, value: bestValue };
}

/**
 * Un-mirrors one crop's SimCC outputs from a horizontally flipped input, as MMPose's
 * `flip_vectors` does: left/right keypoints swap, and each x vector is reversed.
 */
export function unflipSimcc(
  source: ArrayLike<number>,
  offset: number,
  shape: SimccShape,
  flipPairs: readonly (readonly [number, number])[],
  out: Float32Array,
): Float32Array {
  const [keypoints, xBins, yBins] = shape;
  const partner = Array.from({ length: keypoints }, (_, k) => k);
  for (const [a, b] of flipPairs) {
    partner[a] = b;
    partner[b] = a;
  }
  const yStart = keypoints * xBins;
  for (let k = 0; k < keypoints; k++) {
    const fromX = offset + partner[k] * xBins;
    for (let i = 0; i < xBins; i++) out[k * xBins + i] = source[fromX + xBins - 1 - i];
    const fromY = offset + yStart + partner[k] * yBins;
    for (let i = 0; i < yBins; i++) out[yStart + k * yBins + i] = source[fromY + i];
  }
  return out;
}
