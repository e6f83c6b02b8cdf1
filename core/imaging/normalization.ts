import type { ModelManifest } from '../models/manifest';

/** How 0–255 RGB pixels become model input values, channel by channel in the model's order. */
export interface PixelNormalization {
  colorOrder: 'RGB' | 'BGR';
  /** Multiplies the 0–255 value before mean/std (1/255 for models fed 0–1). */
  scale: number;
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** Raw 0–255 value used for pixels outside the image (letterbox bars, crops past an edge). */
  padValue: number;
}

export function normalizationFromManifest(manifest: ModelManifest): PixelNormalization {
  const { colorOrder, scale, mean, std, padValue } = manifest.input;
  return { colorOrder, scale, mean, std, padValue };
}

/**
 * Per output channel: which RGB byte it reads and the `value·mul + add` that normalises it.
 * `(v·scale − mean) / std` folded into one multiply-add for the sampling loops.
 */
export interface ChannelPlan {
  source: [number, number, number];
  mul: [number, number, number];
  add: [number, number, number];
  /** The normalised value of `padValue` per channel. */
  pad: [number, number, number];
}

export function channelPlan(norm: PixelNormalization): ChannelPlan {
  const source: [number, number, number] = norm.colorOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const mul = [0, 1, 2].map((c) => norm.scale / norm.std[c]) as [number, number, number];
  const add = [0, 1, 2].map((c) => -norm.mean[c] / norm.std[c]) as [number, number, number];
  const pad = [0, 1, 2].map((c) => norm.padValue * mul[c] + add[c]) as [number, number, number];
  return { source, mul, add, pad };
}
