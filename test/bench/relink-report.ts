/**
 * The re-link part of the tracker benchmark: MOTA, IDF1 and id switches with and without the
 * lost-track memory and stitching, on generated scenes with an occluder and with exits (rendered,
 * so colours count), and the time stitching takes on a 10-minute, 20-person result.
 */
import { PoseTracker } from '../../core/track/tracker';
import { stitchTracks } from '../../core/track/stitch';
import { oks } from '../../core/track/oks';
import { standingPose } from '../helpers/simulate-tracks';
import { COCO17 } from '../../core/keypoints/schema';
import { MotAccumulator, motMetrics } from '../../core/eval/mot-accumulator';
import { idCounts, idScores } from '../../core/eval/idf1';
import { identityFrameFromMatrix, type IdentityFrame } from '../../core/eval/identity-frame';
import type { FramePoses, TrackedPose } from '../../core/types';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkTarget } from './context';
import { generateScene, SCENE_FPS, SCENE_SIZE, type SceneFrame, type SceneOptions } from './relink-scenes';
import { TEST_TRACKER_RUN } from '../helpers/tracker-settings';

const SEEDS = [1, 2, 3];
const MAX_GAP_FRAMES = 3 * SCENE_FPS;

/** Without the new stages (the tracker's short memory only) and with them (3 s memory + stitching). */
function track(scene: SceneFrame[], withRelink: boolean): FramePoses[] {
  const tracker = withRelink
    ? new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: MAX_GAP_FRAMES })
    : new PoseTracker({ ...TEST_TRACKER_RUN, lostMemory: false });
  const frames = scene.map((s) => ({
    frameIndex: s.frame.index,
    timestampMs: s.frame.timestampMs,
    poses: tracker.update(s.frame.index, s.detections, s.frame),
  }));
  if (!withRelink) return frames;
  return stitchTracks(frames, {
    ...tracker.options,
    maxGapFrames: MAX_GAP_FRAMES,
    pictureSizePx: SCENE_SIZE,
    appearanceOf: (id) => tracker.appearanceOf(id),
  }).frames;
}

/** MOTA and id switches (CLEAR-MOT) and IDF1, people matched to tracked poses by OKS ≥ 0.5. */
function score(scene: readonly SceneFrame[], tracked: readonly FramePoses[]) {
  const mot = new MotAccumulator();
  const identity: IdentityFrame[] = [];
  scene.forEach((s, f) => {
    const poses: TrackedPose[] = tracked[f].poses;
    const similarity = s.truth.map((t) =>
      poses.map((p) => oks(p.keypoints, t.pose.keypoints, t.pose.box.w * t.pose.box.h, COCO17.sigmas)),
    );
    mot.update(
      s.truth.map((t) => t.id),
      poses.map((p) => p.trackId),
      similarity.map((row) => row.map((v) => (v >= 0.5 ? 1 - v : NaN))),
    );
    identity.push(
      identityFrameFromMatrix(
        s.truth.map((t) => t.id),
        poses.map((p) => p.trackId),
        similarity,
      ),
    );
  });
  return { counts: mot.counts, ids: idCounts(identity) };
}

function sceneReport(options: Omit<SceneOptions, 'seed'>) {
  const variants: Record<string, unknown> = {};
  for (const withRelink of [false, true]) {
    let objects = 0,
      errors = 0,
      switches = 0,
      idtp = 0,
      idTotal = 0;
    const perSeed = [];
    for (const seed of SEEDS) {
      const scene = generateScene({ ...options, seed });
      const { counts, ids } = score(scene, track(scene, withRelink));
      const seedErrors = counts.misses + counts.falsePositives + counts.switches;
      objects += counts.objects;
      errors += seedErrors;
      switches += counts.switches;
      idtp += ids.idtp;
      idTotal += ids.gtCount + ids.predCount;
      perSeed.push({
        seed,
        mota: round(100 * (1 - seedErrors / counts.objects)),
        idf1: round((2 * ids.idtp) / (ids.gtCount + ids.predCount), 4),
        idSwitches: counts.switches,
      });
    }
    const idf1 = (2 * idtp) / idTotal;
    variants[withRelink ? 'relink' : 'noRelink'] = {
      mota: round(100 * (1 - errors / objects)),
      idf1: withRelink ? checkTarget(idf1, '>=', 0.95) : round(idf1, 4),
      idSwitches: withRelink && options.maxGapFrames <= 2 * SCENE_FPS ? checkTarget(switches, '<=', 0) : switches,
      perSeed,
    };
  }
  return { seeds: SEEDS, ...options, ...variants };
}

/**
 * A 10-minute, 30 fps result with 20 people, each broken into pieces every 10 s by gaps of
 * 0.2–2 s, stitched back: how long one stitching pass takes and how many pieces it joins.
 */
function stitchTiming() {
  const frameCount = 10 * 60 * SCENE_FPS;
  const people = 20;
  const frames: FramePoses[] = Array.from({ length: frameCount }, (_, f) => ({
    frameIndex: f,
    timestampMs: (f * 1000) / SCENE_FPS,
    poses: [],
  }));
  let nextId = 0;
  let pieces = 0;
  for (let person = 0; person < people; person++) {
    const y = 100 + person * 40;
    let id = nextId++;
    pieces++;
    for (let f = 0; f < frameCount; f++) {
      const phase = f % 300;
      const gap = 6 + ((person * 7 + Math.floor(f / 300) * 13) % 54);
      if (f >= 300 && phase < gap) {
        if (phase === gap - 1) {
          id = nextId++;
          pieces++;
        }
        continue;
      }
      const x = bounce(f * (1 + person / 10));
      frames[f].poses.push({ ...standingPose(x, y, 160), trackId: id });
    }
  }
  const startMs = performance.now();
  const startCpu = process.cpuUsage();
  const { joins } = stitchTracks(frames, {
    ...new PoseTracker(TEST_TRACKER_RUN).options,
    maxGapFrames: MAX_GAP_FRAMES,
  });
  const cpu = process.cpuUsage(startCpu);
  const wallMs = performance.now() - startMs;
  // Stitching is single-threaded: its CPU time is its wall time on an idle machine, and unlike
  // the wall time it does not grow with other processes' load.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    frames: frameCount,
    people,
    pieces,
    joins: joins.length,
    stitchCpuMs: checkTarget(cpuMs, '<=', 2000),
    stitchWallMs: round(wallMs),
  };
}

export function relinkReport(options: { stitchTiming?: boolean } = {}): Record<string, unknown> {
  return {
    'occluder-1s': sceneReport({ kind: 'occluder', peopleCount: 6, frameCount: 600, maxGapFrames: SCENE_FPS }),
    'occluder-2s': sceneReport({ kind: 'occluder', peopleCount: 6, frameCount: 600, maxGapFrames: 2 * SCENE_FPS }),
    'exits-2s': sceneReport({ kind: 'exits', peopleCount: 6, frameCount: 600, maxGapFrames: 2 * SCENE_FPS }),
    ...(options.stitchTiming !== false && { stitch10min20people: stitchTiming() }),
  };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Back and forth between x = 100 and 1700 px. */
function bounce(travelPx: number): number {
  const t = travelPx % 3200;
  return 100 + (t < 1600 ? t : 3200 - t);
}

// The scenes alone, per seed, without the rest of the tracker section:
// `node bin/run-ts.js test/bench/relink-report.ts [--no-stitch-timing]`.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(JSON.stringify(relinkReport({ stitchTiming: !process.argv.includes('--no-stitch-timing') }), null, 2));
}
