import { describe, expect, it } from 'vitest';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';
import { editKeypoint } from '../../../core/project/keypoint-edits';
import { KEYPOINT_FLAG, type FilterSettings } from '../../../core/types';
import { makeScene } from './scene';

const walker = { x0: 100, y0: 400, vx: 4, vy: 0 };
const scene = () => makeScene({ walkers: [walker], frames: 40, noisePx: 3, seed: 11 });
const settings = (patch: Partial<FilterSettings>): FilterSettings => ({ ...DEFAULT_FILTERS, ...patch });

/** Track 0 is missing on frames 10–12 (a 3-frame gap) and frames 20–29 (a 10-frame gap). */
function withGaps() {
  const result = scene();
  for (const f of [10, 11, 12, ...Array.from({ length: 10 }, (_, i) => 20 + i)])
    result.frames[f] = { ...result.frames[f], poses: [] };
  return result;
}

describe('applyFilters', () => {
  it('returns the very same result when no filter is on', () => {
    const result = scene();
    expect(applyFilters(result, DEFAULT_FILTERS)).toBe(result);
  });

  it('fills gaps up to the limit with poses whose keypoints are all flagged filled, and leaves longer gaps empty', () => {
    const filled = applyFilters(withGaps(), settings({ maxGapFrames: 5 }));
    for (const f of [10, 11, 12]) {
      const pose = filled.frames[f].poses[0];
      expect(pose.trackId).toBe(0);
      expect(pose.keypointFlags).toEqual(new Array(17).fill(KEYPOINT_FLAG.filled));
      // Hip centre on a straight walk at 4 px/frame: interpolation lands within the noise.
      const hipX = (pose.keypoints[11][0] + pose.keypoints[12][0]) / 2;
      expect(Math.abs(hipX - (walker.x0 + walker.vx * f))).toBeLessThan(8);
      expect(pose.box.w).toBeGreaterThan(50);
    }
    for (let f = 20; f < 30; f++) expect(filled.frames[f].poses).toEqual([]);
    expect(filled.frames[9].poses[0].keypointFlags).toBeUndefined();
  });

  it('fills a single missing keypoint inside present poses and flags only that one', () => {
    const result = scene();
    result.frames[5].poses[0].keypoints[9] = [0, 0, 0];
    const filled = applyFilters(result, settings({ maxGapFrames: 2, gapMethod: 'cubic' }));
    const pose = filled.frames[5].poses[0];
    expect(pose.keypoints[9][2]).toBeGreaterThan(0.8);
    expect(pose.keypointFlags!.map((f, k) => (f ? k : -1)).filter((k) => k >= 0)).toEqual([9]);
  });

  it('smooths noise away (flagged) but keeps hand-edited keypoints exactly where they were put', () => {
    const edited = editKeypoint(scene(), { trackId: 0, frameIndex: 20, keypointIndex: 0, x: 500, y: 300 });
    const smoothed = applyFilters(edited, settings({ smooth: 'savgol' }));
    expect(smoothed.frames[20].poses[0].keypoints[0].slice(0, 2)).toEqual([500, 300]);
    expect(smoothed.frames[20].poses[0].keypointFlags![0]).toBe(KEYPOINT_FLAG.edited);
    expect(smoothed.frames[20].poses[0].keypointFlags![5]).toBe(KEYPOINT_FLAG.smoothed);
    // Noise on a straight walk: smoothed y of the left shoulder varies less than the raw one.
    const spread = (r: typeof edited) => {
      const ys = r.frames.map((f) => f.poses[0].keypoints[5][1]);
      const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
      return Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / ys.length);
    };
    expect(spread(smoothed)).toBeLessThan(spread(edited) * 0.6);
  });

  it('fills then smooths, flagging both, and never changes its input', () => {
    const input = withGaps();
    const before = JSON.stringify(input);
    const out = applyFilters(input, settings({ smooth: 'one-euro', maxGapFrames: 3 }));
    expect(out.frames[11].poses[0].keypointFlags![3]).toBe(KEYPOINT_FLAG.filled | KEYPOINT_FLAG.smoothed);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('names a bad setting', () => {
    expect(() => applyFilters(scene(), settings({ smooth: 'savgol', savgolWindowFrames: 6 }))).toThrow(
      /odd whole number/,
    );
    expect(() => applyFilters(scene(), settings({ maxGapFrames: -1 }))).toThrow(/maxGapFrames must be a whole number/);
  });
});
