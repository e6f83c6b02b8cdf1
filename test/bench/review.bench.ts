/**
 * Review benchmark section for `npm run bench`: the work the review screen redoes after every
 * edit, on a generated 10-minute, 30 fps result with four people (18 000 frames, 72 000 poses):
 * the problem list, each filter, and the plot series of one track. Reported as times and as
 * multiples of the video's duration (how many times faster than real time), with the target that
 * each stays interactive on a 10-minute video: ≥ 600× real time (≤ 1 s). Pure CPU, no models.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyFilters } from '../../core/analysis/apply-filters';
import { DEFAULT_FILTERS } from '../../core/analysis/filter-settings';
import { plotSeries } from '../../core/analysis/plot-series';
import { detectProblems } from '../../core/review/problems';
import { COCO17 } from '../../core/keypoints/schema';
import type { FilterSettings, TrackingResult } from '../../core/types';
import { makeScene } from '../unit/analysis/scene';
import { checkTarget, median } from './context';

const FPS = 30;
const FRAMES = 10 * 60 * FPS;
const REPEATS = 3;
const MIN_REALTIME_FACTOR = 600;

function scene(): TrackingResult {
  // Four people pacing back and forth across a 1920×1080 picture (positions wrap every ~40 s).
  const walkers = [0, 1, 2, 3].map((i) => ({
    x0: 200 + 400 * i,
    y0: 300 + 200 * (i % 3),
    vx: i % 2 ? 0.7 : -0.7,
    vy: 0,
  }));
  const result = makeScene({ walkers, frames: FRAMES, noisePx: 3, seed: 3, width: 1920, height: 1080, fps: FPS });
  for (const frame of result.frames)
    for (const pose of frame.poses) for (const k of pose.keypoints) k[0] = ((k[0] % 1920) + 1920) % 1920;
  return result;
}

function time(work: () => unknown): number {
  return median(
    Array.from({ length: REPEATS }, () => {
      const started = performance.now();
      work();
      return performance.now() - started;
    }),
  );
}

export async function run(_ctx?: unknown): Promise<Record<string, unknown>> {
  const result = scene();
  const videoMs = (FRAMES / FPS) * 1000;
  const filters = (patch: Partial<FilterSettings>): FilterSettings => ({ ...DEFAULT_FILTERS, ...patch });
  const timings: Record<string, number> = {
    problems: time(() => detectProblems(result)),
    oneEuro: time(() => applyFilters(result, filters({ smooth: 'one-euro' }))),
    savgol: time(() => applyFilters(result, filters({ smooth: 'savgol' }))),
    gapFillCubic: time(() => applyFilters(result, filters({ maxGapFrames: 5, gapMethod: 'cubic' }))),
    plotOneTrack: time(() =>
      plotSeries(result.frames, 0, { kind: 'angle', angleId: 'left_knee' }, COCO17, FRAMES, 0.3),
    ),
  };
  const report: Record<string, unknown> = {
    frames: FRAMES,
    poses: result.frames.reduce((n, f) => n + f.poses.length, 0),
  };
  for (const [name, ms] of Object.entries(timings)) {
    report[name] = {
      ms: Math.round(ms * 10) / 10,
      realtimeFactor: checkTarget(videoMs / ms, '>=', MIN_REALTIME_FACTOR),
    };
  }
  return report;
}

// Runnable on its own: `node bin/run-ts.js test/bench/review.bench.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
