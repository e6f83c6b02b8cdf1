/**
 * The crowd part of the tracker benchmark: 40 people walking across the picture at once, hiding
 * each other (mutualOcclusion), coming into view and leaving, tracked as a run does (3 s memory,
 * then stitching). Reports how the people fragment into ids — ids per true person, ids shorter
 * than 10 frames — and the false joins that fewer fragments must not cost: ids that cover two
 * true people. `crowdFragmentation` returns the figures for other reports (a quality report).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PoseTracker } from '../../core/track/tracker';
import { stitchTracks } from '../../core/track/stitch';
import { withoutShortTracks } from '../../core/track/confirm';
import { oksMatrix } from '../../core/track/oks-matrix';
import { greedyAssign } from '../../core/track/greedy-assign';
import { COCO17 } from '../../core/keypoints/schema';
import type { FramePoses } from '../../core/types';
import type { TrackerOptions } from '../../core/track/options';
import {
  DEFAULT_SCENARIO,
  generateScenario,
  type ScenarioFrame,
  type ScenarioOptions,
} from '../helpers/simulate-tracks';
import { SCENARIO_MATCH_MIN_OKS } from '../helpers/score-scenario';
import { TEST_TRACKER_RUN } from '../helpers/tracker-settings';

const FPS = 30;
const MAX_GAP_FRAMES = 3 * FPS;
/** An id seen in fewer frames than this is a short fragment. */
export const SHORT_FRAGMENT_FRAMES = 10;
/** An id matched to a second true person for at least this many frames covers two people (a false join). */
const FALSE_JOIN_MIN_FRAMES = 3;

export const CROWD_SCENARIO: Readonly<Partial<ScenarioOptions>> = Object.freeze({
  peopleCount: 40,
  frameCount: 420,
  heightPx: [90, 180] as [number, number],
  speedPxPerFrame: [1.5, 4] as [number, number],
  mutualOcclusion: true,
  dropRate: 0.03,
  occlusionRate: 0.01,
  falsePositivesPerFrame: 0.2,
});

export const CROWD_SEEDS: readonly number[] = [1, 2, 3];

export interface CrowdFigures {
  /** True people seen (matched at least once), over all seeds. */
  people: number;
  /** Distinct ids in the results, over all seeds. */
  ids: number;
  /** Mean number of ids a true person was given. */
  idsPerPerson: number;
  /** Ids present in fewer than SHORT_FRAGMENT_FRAMES frames. */
  shortFragments: number;
  /** Of those, the ids matched to a true person (the others only ever covered false positives). */
  shortFragmentsOfPeople: number;
  /** Ids matched to two or more true people (each for FALSE_JOIN_MIN_FRAMES frames or more). */
  falseJoins: number;
}

/** Tracks a scenario as a run does: the tracker with a 3 s memory, then stitching and leaving out the shortest tracks. */
function trackAsRun(
  scenario: readonly ScenarioFrame[],
  options: Partial<TrackerOptions>,
  stitch: boolean,
): FramePoses[] {
  const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: MAX_GAP_FRAMES, ...options });
  const frames = scenario.map((s) => ({
    frameIndex: s.frameIndex,
    timestampMs: (s.frameIndex * 1000) / FPS,
    poses: tracker.update(s.frameIndex, s.detections),
  }));
  if (!stitch) return frames;
  const stitched = stitchTracks(frames, {
    ...tracker.options,
    maxGapFrames: MAX_GAP_FRAMES,
    pictureSizePx: CROWD_SCENARIO.imageSize ?? DEFAULT_SCENARIO.imageSize,
    appearanceOf: (id) => tracker.appearanceOf(id),
  });
  return withoutShortTracks(stitched.frames, stitched.joins).frames;
}

/** Per id, how many frames it was matched to each true person (OKS ≥ 0.5, greedy per frame), and its frame count. */
function coverage(scenario: readonly ScenarioFrame[], tracked: readonly FramePoses[]) {
  const peopleOfId = new Map<number, Map<number, number>>();
  const framesOfId = new Map<number, number>();
  scenario.forEach((s, f) => {
    const poses = tracked[f].poses;
    for (const p of poses) framesOfId.set(p.trackId, (framesOfId.get(p.trackId) ?? 0) + 1);
    const sim = oksMatrix(
      poses,
      s.truth.map((t) => t.pose),
      COCO17.sigmas,
      0,
    );
    for (const [p, t] of greedyAssign(sim, SCENARIO_MATCH_MIN_OKS, s.truth.length).matches) {
      const people = peopleOfId.get(poses[p].trackId) ?? new Map<number, number>();
      const person = s.truth[t].id;
      people.set(person, (people.get(person) ?? 0) + 1);
      peopleOfId.set(poses[p].trackId, people);
    }
  });
  return { peopleOfId, framesOfId };
}

function figuresOf(scenario: readonly ScenarioFrame[], tracked: readonly FramePoses[]): CrowdFigures {
  const { peopleOfId, framesOfId } = coverage(scenario, tracked);
  const idsOfPerson = new Map<number, number>();
  for (const people of peopleOfId.values())
    for (const person of people.keys()) idsOfPerson.set(person, (idsOfPerson.get(person) ?? 0) + 1);
  const idsGiven = [...idsOfPerson.values()].reduce((s, n) => s + n, 0);
  return {
    people: idsOfPerson.size,
    ids: framesOfId.size,
    idsPerPerson: idsGiven / Math.max(idsOfPerson.size, 1),
    shortFragments: [...framesOfId.values()].filter((n) => n < SHORT_FRAGMENT_FRAMES).length,
    shortFragmentsOfPeople: [...framesOfId].filter(([id, n]) => n < SHORT_FRAGMENT_FRAMES && peopleOfId.has(id)).length,
    falseJoins: [...peopleOfId.values()].filter(
      (people) => [...people.values()].filter((n) => n >= FALSE_JOIN_MIN_FRAMES).length >= 2,
    ).length,
  };
}

export interface CrowdRunOptions {
  tracker?: Partial<TrackerOptions>;
  /** Stitch the pieces after the run, as a run does (default true). */
  stitch?: boolean;
  seeds?: readonly number[];
}

/** The crowd figures summed over the seeds (idsPerPerson over all people), for the tracker as configured. */
export function crowdFragmentation({
  tracker = {},
  stitch = true,
  seeds = CROWD_SEEDS,
}: CrowdRunOptions = {}): CrowdFigures {
  const all = seeds.map((seed) => {
    const scenario = generateScenario({ ...CROWD_SCENARIO, seed });
    return figuresOf(scenario, trackAsRun(scenario, tracker, stitch));
  });
  const sum = (pick: (f: CrowdFigures) => number) => all.reduce((s, f) => s + pick(f), 0);
  const people = sum((f) => f.people);
  return {
    people,
    ids: sum((f) => f.ids),
    idsPerPerson: Math.round((sum((f) => f.idsPerPerson * f.people) / Math.max(people, 1)) * 100) / 100,
    shortFragments: sum((f) => f.shortFragments),
    shortFragmentsOfPeople: sum((f) => f.shortFragmentsOfPeople),
    falseJoins: sum((f) => f.falseJoins),
  };
}

/** Other seeds than the report's, to check that a change holds beyond the scenarios it was measured on. */
export const CROWD_CHECK_SEEDS: readonly number[] = [4, 5, 6, 7, 8];

/** `--seeds 4,5,6` (default CROWD_SEEDS); `--no-stitch` for the tracker alone. */
function seedsFromArgs(args: readonly string[]): readonly number[] {
  const at = args.indexOf('--seeds');
  if (at < 0) return CROWD_SEEDS;
  const seeds = (args[at + 1] ?? '').split(',').map(Number);
  if (seeds.length === 0 || !seeds.every(Number.isInteger))
    throw new Error(`crowd-report: --seeds wants integers separated by commas, got "${args[at + 1]}".`);
  return seeds;
}

// Runnable on its own: `node bin/run-ts.js test/bench/crowd-report.ts [--seeds 4,5,6,7,8] [--no-stitch]`.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  console.log(
    JSON.stringify(crowdFragmentation({ seeds: seedsFromArgs(args), stitch: !args.includes('--no-stitch') }), null, 2),
  );
}
