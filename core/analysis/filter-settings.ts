import type { FilterSettings } from '../types';
import { checkSavgolParams } from './savgol';

/** Filters off: what a project starts with and what exports use unless asked otherwise. */
export const DEFAULT_FILTERS: FilterSettings = Object.freeze({
  smooth: 'none',
  // Tuned on the shared two-person clip (30 fps, nano models, CPU): One-Euro takes the
  // frame-to-frame jitter to about 0.63×, Savitzky–Golay 5/2 to about 0.45×, both moving confident
  // keypoints by about 5–6 px on average (median 2–4 px) from the raw ones.
  // (test/integration/analysis/smoothing-two-people.test.ts)
  oneEuroMinCutoffHz: 1.5,
  oneEuroBeta: 0.05,
  savgolWindowFrames: 5,
  savgolOrder: 2,
  maxGapFrames: 0,
  gapMethod: 'linear',
}) as FilterSettings;

/** Whether the settings change anything at all (so callers can skip the work). */
export function filtersActive(settings: FilterSettings): boolean {
  return settings.smooth !== 'none' || settings.maxGapFrames > 0;
}

/** Throws a message naming the bad field. */
export function checkFilterSettings(settings: FilterSettings): void {
  if (settings.smooth === 'one-euro') {
    if (!(settings.oneEuroMinCutoffHz > 0))
      throw new Error(`oneEuroMinCutoffHz must be > 0 Hz, got ${settings.oneEuroMinCutoffHz}.`);
    if (!(settings.oneEuroBeta >= 0)) throw new Error(`oneEuroBeta must be ≥ 0, got ${settings.oneEuroBeta}.`);
  }
  if (settings.smooth === 'savgol') checkSavgolParams(settings.savgolWindowFrames, settings.savgolOrder);
  if (!Number.isInteger(settings.maxGapFrames) || settings.maxGapFrames < 0) {
    throw new Error(`maxGapFrames must be a whole number ≥ 0, got ${settings.maxGapFrames}.`);
  }
}
