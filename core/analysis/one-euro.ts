/**
 * The One-Euro filter (Casiez, Roussel & Vogel, CHI 2012): a low-pass filter whose cut-off rises
 * with the signal's speed, so a still keypoint loses its jitter while a fast one keeps up. Online:
 * each output depends only on the samples before it.
 */

export interface OneEuroParams {
  /** Cut-off at rest in Hz. */
  minCutoffHz: number;
  /** How fast the cut-off rises with speed, in Hz per (unit/s). */
  beta: number;
  /** Cut-off of the speed estimate in Hz. */
  derivativeCutoffHz?: number;
}

const DEFAULT_DERIVATIVE_CUTOFF_HZ = 1;

/** Smoothing factor of a first-order low-pass at `cutoffHz` for a step of `dtS` seconds. */
function alpha(cutoffHz: number, dtS: number): number {
  const tauS = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tauS / dtS);
}

/**
 * Filters one sampled signal. `timesMs` are the sample times (strictly increasing); a repeated or
 * decreasing time throws, naming the sample.
 */
export function oneEuroSeries(values: readonly number[], timesMs: readonly number[], params: OneEuroParams): number[] {
  if (values.length !== timesMs.length)
    throw new Error(`oneEuroSeries: ${values.length} values but ${timesMs.length} times.`);
  if (!(params.minCutoffHz > 0)) throw new Error(`oneEuroSeries: minCutoffHz must be > 0, got ${params.minCutoffHz}.`);
  if (!(params.beta >= 0)) throw new Error(`oneEuroSeries: beta must be ≥ 0, got ${params.beta}.`);
  const dCutoffHz = params.derivativeCutoffHz ?? DEFAULT_DERIVATIVE_CUTOFF_HZ;
  const out = new Array<number>(values.length);
  if (values.length === 0) return out;
  let previous = values[0];
  let speed = 0;
  out[0] = previous;
  for (let i = 1; i < values.length; i++) {
    const dtS = (timesMs[i] - timesMs[i - 1]) / 1000;
    if (!(dtS > 0))
      throw new Error(
        `oneEuroSeries: sample ${i} is not later than the one before (${timesMs[i - 1]} → ${timesMs[i]} ms).`,
      );
    const rawSpeed = (values[i] - previous) / dtS;
    speed += alpha(dCutoffHz, dtS) * (rawSpeed - speed);
    const cutoffHz = params.minCutoffHz + params.beta * Math.abs(speed);
    previous += alpha(cutoffHz, dtS) * (values[i] - previous);
    out[i] = previous;
  }
  return out;
}
