/**
 * Smoothing on real keypoints: the shared two-people clip tracked with the nano models (tiling
 * off, about 70 s on two busy cores). Jitter is the mean absolute second difference of each
 * confident keypoint coordinate over three consecutive frames (|x[t−1] − 2x[t] + x[t+1]|): steady
 * motion scores 0, frame-to-frame noise does not. The shift is the distance between a filtered
 * keypoint and the raw one in the same frame.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runTracking } from '../../../core/pipeline/runner';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../../../core/keypoints/visibility';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';
import { trackSeries } from '../../../core/analysis/track-series';
import { detectProblems } from '../../../core/review/problems';
import { KEYPOINT_FLAG, type FilterSettings, type TrackingResult } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let raw: TrackingResult;

beforeAll(async () => {
  const run = await runTracking(
    VIDEOS.twoPeople,
    {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      reidModel: 'none',
      device: 'cpu',
      detectorTiling: 'off',
    },
    {},
  );
  raw = run.result;
}, 300_000);

interface Measure {
  jitterRawPx: number;
  jitterFilteredPx: number;
  meanShiftPx: number;
  medianShiftPx: number;
}

function measure(filtered: TrackingResult): Measure {
  let [jitterRaw, jitterFiltered, samples] = [0, 0, 0];
  const shifts: number[] = [];
  const after = trackSeries(filtered);
  for (const [trackId, series] of trackSeries(raw)) {
    const f = after.get(trackId)!;
    for (let j = 1; j + 1 < series.poses.length; j++) {
      const [a, b, c] = [series.poses[j - 1], series.poses[j], series.poses[j + 1]];
      if (!a || !b || !c) continue;
      const [fa, fb, fc] = [f.poses[j - 1]!, f.poses[j]!, f.poses[j + 1]!];
      for (let k = 0; k < b.keypoints.length; k++) {
        if (Math.min(a.keypoints[k][2], b.keypoints[k][2], c.keypoints[k][2]) < MIN_VISIBLE_KEYPOINT_SCORE) continue;
        for (const axis of [0, 1]) {
          jitterRaw += Math.abs(a.keypoints[k][axis] - 2 * b.keypoints[k][axis] + c.keypoints[k][axis]);
          jitterFiltered += Math.abs(fa.keypoints[k][axis] - 2 * fb.keypoints[k][axis] + fc.keypoints[k][axis]);
          samples++;
        }
        shifts.push(Math.hypot(fb.keypoints[k][0] - b.keypoints[k][0], fb.keypoints[k][1] - b.keypoints[k][1]));
      }
    }
  }
  shifts.sort((x, y) => x - y);
  return {
    jitterRawPx: jitterRaw / samples,
    jitterFilteredPx: jitterFiltered / samples,
    meanShiftPx: shifts.reduce((s, d) => s + d, 0) / shifts.length,
    medianShiftPx: shifts[shifts.length >> 1],
  };
}

describe('smoothing on the shared two-people clip', () => {
  it.each<[string, Partial<FilterSettings>, number]>([
    ['One-Euro (defaults)', { smooth: 'one-euro' }, 0.75],
    ['Savitzky–Golay (defaults)', { smooth: 'savgol' }, 0.55],
  ])(
    '%s reduces frame-to-frame jitter and stays within a few pixels of the raw keypoints',
    (_, settings, maxJitterRatio) => {
      const filtered = applyFilters(raw, { ...DEFAULT_FILTERS, ...settings });
      const m = measure(filtered);
      console.log(_, JSON.stringify(m), `ratio ${(m.jitterFilteredPx / m.jitterRawPx).toFixed(2)}`);
      expect(m.jitterRawPx).toBeGreaterThan(3);
      expect(m.jitterFilteredPx / m.jitterRawPx).toBeLessThan(maxJitterRatio);
      expect(m.meanShiftPx).toBeLessThan(7);
      expect(m.medianShiftPx).toBeLessThan(4);
    },
  );

  it('flags every keypoint it moved and leaves the raw result untouched', () => {
    const before = JSON.stringify(raw.frames[100]);
    const filtered = applyFilters(raw, { ...DEFAULT_FILTERS, smooth: 'savgol' });
    expect(JSON.stringify(raw.frames[100])).toBe(before);
    let [moved, flagged] = [0, 0];
    filtered.frames.forEach((frame, i) =>
      frame.poses.forEach((pose) => {
        const original = raw.frames[i].poses.find((p) => p.trackId === pose.trackId)!;
        pose.keypoints.forEach((k, j) => {
          const changed = k[0] !== original.keypoints[j][0] || k[1] !== original.keypoints[j][1];
          moved += changed ? 1 : 0;
          flagged += (pose.keypointFlags?.[j] ?? 0) & KEYPOINT_FLAG.smoothed ? 1 : 0;
          if (changed) expect((pose.keypointFlags?.[j] ?? 0) & KEYPOINT_FLAG.smoothed).toBeTruthy();
        });
      }),
    );
    expect(moved).toBeGreaterThan(1000);
    expect(flagged).toBe(moved);
  });

  it('lists problems of the real result on processed frames, with the tracks present there (lost frames: just before)', () => {
    const problems = detectProblems(raw);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      const shownOn = p.kind === 'track-gap' ? p.frameIndex - 1 : p.frameIndex;
      const frame = raw.frames.find((f) => f.frameIndex === shownOn)!;
      for (const id of p.trackIds) expect(frame.poses.some((pose) => pose.trackId === id)).toBe(true);
    }
  });
});
