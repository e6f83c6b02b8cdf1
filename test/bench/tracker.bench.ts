/**
 * Tracker benchmark section for `npm run bench`: runs the tracker on generated crossing-paths
 * scenarios with known identities and reports MOTA, id switches and speed, so tracker changes can
 * be compared on the same numbers; then the re-link scenes (occluder, exits; MOTA, IDF1, id
 * switches with and without lost-track memory and stitching) and the stitching time on a long
 * result (see relink-report.ts); then the crowd: 40 people hiding each other, coming and going, and
 * how they fragment into ids (see crowd-report.ts). Pure CPU, no models.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PoseTracker } from '../../core/track/tracker';
import { generateScenario, type ScenarioOptions } from '../helpers/simulate-tracks';
import { scoreScenario } from '../helpers/score-scenario';
import type { TrackerOptions } from '../../core/track/options';
import { relinkReport } from './relink-report';
import { crowdFragmentation } from './crowd-report';
import { TEST_TRACKER_RUN } from '../helpers/tracker-settings';

/** Fixed seeds: the same scenarios on every run. */
const SEEDS = [1, 2, 3, 4, 5];

const SCENARIOS: Record<string, Partial<ScenarioOptions>> = {
  default: {},
  crowded: { peopleCount: 20, falsePositivesPerFrame: 1 },
  noisy: { keypointNoise: 0.03, dropRate: 0.1, occlusionRate: 0.03 },
};

/**
 * The tracker as configured, without the lost-track memory (to check it costs no MOTA on crossing
 * paths), with the 3 s memory the runner gives it at 30 fps, and without any re-link window.
 */
const VARIANTS: Record<string, Partial<TrackerOptions>> = {
  default: {},
  noLostMemory: { lostMemory: false },
  lostMemory3s: { maxAgeFrames: 90 },
  noRelink: { relinkMaxFrames: 0, maxAgeFrames: 0, lostMemory: false },
};

function runOne(scenario: Partial<ScenarioOptions>, options: Partial<TrackerOptions>, seed: number) {
  const frames = generateScenario({ ...scenario, seed });
  const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, ...options });
  const start = performance.now();
  const tracked = frames.map((f) => tracker.update(f.frameIndex, f.detections));
  const elapsedMs = performance.now() - start;
  return { score: scoreScenario(frames, tracked), elapsedMs, frames: frames.length };
}

export async function run(_ctx?: unknown): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {};
  for (const [scenarioName, scenario] of Object.entries(SCENARIOS)) {
    for (const [variantName, options] of Object.entries(VARIANTS)) {
      const runs = SEEDS.map((seed) => runOne(scenario, options, seed));
      const sum = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + pick(r), 0);
      const objects = sum((r) => r.score.objects);
      const errors = sum((r) => r.score.misses + r.score.falsePositives + r.score.switches);
      report[`${scenarioName}/${variantName}`] = {
        seeds: SEEDS,
        frames: sum((r) => r.frames),
        groundTruthPoses: objects,
        mota: round(100 * (1 - errors / objects)),
        idSwitches: sum((r) => r.score.switches),
        misses: sum((r) => r.score.misses),
        falsePositives: sum((r) => r.score.falsePositives),
        tracksCreated: sum((r) => r.score.trackCount),
        trackerMsPerFrame: round(sum((r) => r.elapsedMs) / sum((r) => r.frames), 4),
      };
    }
  }
  report.relink = relinkReport();
  report.crowd = { asRun: crowdFragmentation(), withoutStitching: crowdFragmentation({ stitch: false }) };
  return report;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// Runnable on its own: `node bin/run-ts.js test/bench/tracker.bench.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
