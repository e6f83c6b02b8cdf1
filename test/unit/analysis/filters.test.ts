import { describe, expect, it } from 'vitest';
import { oneEuroSeries } from '../../../core/analysis/one-euro';
import { savgolSeries, savgolWeights } from '../../../core/analysis/savgol';
import { fillSeriesGaps } from '../../../core/analysis/gap-fill';
import { seededRandom } from '../../../core/util/random';

const FRAME_MS = 40;
const times = (n: number) => Array.from({ length: n }, (_, i) => i * FRAME_MS);
const meanAbsStep = (v: number[]) => v.slice(1).reduce((s, x, i) => s + Math.abs(x - v[i]), 0) / (v.length - 1);

describe('oneEuroSeries', () => {
  it('removes most of the jitter of a still point and stays unbiased', () => {
    const random = seededRandom(7);
    const noisy = Array.from({ length: 200 }, () => 100 + (random() - 0.5) * 6);
    const out = oneEuroSeries(noisy, times(200), { minCutoffHz: 1, beta: 0 });
    expect(meanAbsStep(out.slice(20))).toBeLessThan(meanAbsStep(noisy) / 4);
    expect(Math.abs(out.slice(20).reduce((s, x) => s + x, 0) / 180 - 100)).toBeLessThan(0.5);
  });

  it('follows a fast ramp closely when beta is high (little lag), lags when beta is 0', () => {
    const ramp = Array.from({ length: 50 }, (_, i) => i * 20); // 500 px/s
    const fast = oneEuroSeries(ramp, times(50), { minCutoffHz: 1, beta: 0.5 });
    const slow = oneEuroSeries(ramp, times(50), { minCutoffHz: 1, beta: 0 });
    expect(ramp[49] - fast[49]).toBeLessThan(5);
    expect(ramp[49] - slow[49]).toBeGreaterThan(50);
  });

  it('rejects times that do not increase', () => {
    expect(() => oneEuroSeries([1, 2], [0, 0], { minCutoffHz: 1, beta: 0 })).toThrow(/sample 1 is not later/);
  });
});

describe('savgolSeries', () => {
  it('has the published 5-point quadratic weights (-3, 12, 17, 12, -3)/35', () => {
    const w = savgolWeights(5, 2, 2);
    [-3, 12, 17, 12, -3].forEach((v, i) => expect(w[i]).toBeCloseTo(v / 35, 12));
  });

  it('keeps a polynomial of its order exactly, ends included', () => {
    const parabola = Array.from({ length: 12 }, (_, i) => 0.5 * i * i - 3 * i + 2);
    savgolSeries(parabola, 7, 2).forEach((v, i) => expect(v).toBeCloseTo(parabola[i], 9));
  });

  it('shrinks the window for short runs and leaves runs too short for the order alone', () => {
    expect(savgolSeries([1, 5], 7, 2)).toEqual([1, 5]);
    expect(savgolSeries([0, 10, 0, 10, 0], 7, 1)).toHaveLength(5);
  });

  it('names a bad window', () => {
    expect(() => savgolSeries([1, 2, 3], 4, 2)).toThrow(/odd whole number/);
    expect(() => savgolSeries([1, 2, 3], 5, 5)).toThrow(/order must be/);
  });
});

describe('fillSeriesGaps', () => {
  const xs = [10, 11, 12, 13, 14, 15, 16, 17];
  it('fills a linear gap up to the limit and not beyond, flags what it made up', () => {
    const ys = [0, null, null, 30, null, null, null, 70];
    const { ys: out, filled } = fillSeriesGaps(xs, ys, 2, 'linear');
    expect(out).toEqual([0, 10, 20, 30, null, null, null, 70]);
    expect(filled).toEqual([false, true, true, false, false, false, false, false]);
  });

  it('counts the gap in frames, not in samples, when frames were skipped', () => {
    const out = fillSeriesGaps([0, 5, 10], [0, null, 10], 3, 'linear');
    expect(out.ys[1]).toBeNull();
    expect(fillSeriesGaps([0, 5, 10], [0, null, 10], 9, 'linear').ys[1]).toBe(5);
  });

  it('cubic follows a parabola through the gap better than a straight line', () => {
    const f = (x: number) => (x - 13) ** 2;
    const ys = xs.map((x) => (x === 13 || x === 14 ? null : f(x)));
    const cubic = fillSeriesGaps(xs, ys, 2, 'cubic').ys;
    const linear = fillSeriesGaps(xs, ys, 2, 'linear').ys;
    expect(Math.abs(cubic[3]! - f(13))).toBeLessThan(Math.abs(linear[3]! - f(13)));
    expect(Math.abs(cubic[3]! - f(13))).toBeCloseTo(f(13), 9);
  });

  it('never extrapolates past the ends', () => {
    expect(fillSeriesGaps([0, 1, 2], [null, 1, null], 5, 'cubic').ys).toEqual([null, 1, null]);
  });
});

describe('plotSeries', () => {
  it('gives one value per frame with NaN where the track is missing, and speeds only across adjacent frames', async () => {
    const { plotSeries } = await import('../../../core/analysis/plot-series');
    const { COCO17 } = await import('../../../core/keypoints/schema');
    const { makeScene } = await import('./scene');
    const result = makeScene({ walkers: [{ x0: 100, y0: 300, vx: 5, vy: 0 }], frames: 10, noisePx: 0, seed: 1 });
    result.frames[4] = { ...result.frames[4], poses: [] };
    const xs = plotSeries(result.frames, 0, { kind: 'x', keypoint: 11 }, COCO17, 12, 0.3);
    expect(xs).toHaveLength(12);
    expect(xs[2]).toBeCloseTo(100 + 10 - 18, 3);
    expect(Number.isNaN(xs[4])).toBe(true);
    expect(Number.isNaN(xs[11])).toBe(true);
    const speed = plotSeries(result.frames, 0, { kind: 'speed', keypoint: 11 }, COCO17, 12, 0.3);
    expect(speed[2]).toBeCloseTo(5 * 25, 3);
    expect(Number.isNaN(speed[5])).toBe(true);
    const angle = plotSeries(result.frames, 0, { kind: 'angle', angleId: 'left_knee' }, COCO17, 12, 0.3);
    expect(angle[0]).toBeGreaterThan(170);
  });
});
