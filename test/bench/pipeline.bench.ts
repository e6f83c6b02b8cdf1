/**
 * Pipeline section of `npm run bench`, on the shared two-people clip (230 frames, 1768×994) with
 * YOLOX-nano + simplepose-nano on the CPU:
 * - end-to-end fps of runTracking (decode → detect → propagate → pose → track), in a child
 *   process so its peak RSS is that of the run alone;
 * - the pipeline overhead: tracking wall time (model loading and probing excluded) divided by
 *   the sum of the bare model calls the run needs (detector calls × median detector call +
 *   pose crops × median pose call, each timed on its own with zero-filled inputs). The run uses
 *   the default detector tiling, so a frame costs one detector call per view (the whole frame and
 *   its tiles: 7 on this clip). 1 would mean
 *   decoding, pre/post-processing and tracking cost nothing beyond the model calls, or are fully
 *   hidden behind them by the overlapping stages. Pose crops are counted as the poses in the
 *   result, a slight undercount (crops whose pose was dropped as a duplicate or a ghost are not
 *   in it), so the ratio errs high. No pass/fail target: the ratio depends on the codec, the
 *   frame size and how busy the machine is, and is reported to compare changes on one machine.
 * Takes about a minute on 2 cores.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { median, peakRssKb, type BenchContext } from './context';

const exec = promisify(execFile);
const DETECTOR = 'yolox-nano-416';
const POSE_MODEL = 'simplepose-nano';
const VIDEO = 'videos/two_people_1768x994_vp9.mp4';
const BARE_CALLS = 30;
const CHILD_FLAG = '--pipeline-bench-child';

interface ChildResult {
  frames: number;
  persons: number;
  tracks: number;
  wallMs: number;
  stageMs: Record<string, number>;
  maxRssKb: number;
}

/** Median ms of one bare session.run with zero-filled inputs of the model's declared shapes. */
async function bareCallMs(modelId: string): Promise<number> {
  const { loadModel } = await import('../../core/models');
  const { session } = await loadModel(modelId, { device: 'cpu' });
  try {
    const feeds = Object.fromEntries(session.inputNames.map((name) => {
      const dims = session.inputShapes[name].map((d) => (typeof d === 'number' ? d : 1));
      return [name, { type: 'float32' as const, data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }];
    }));
    await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < BARE_CALLS; i++) {
      const started = performance.now();
      await session.run(feeds);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await session.dispose();
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const video = path.join(ctx.sharedAssets, VIDEO);
  const env = { ...process.env, POSETRAIL_MODEL_PATH: path.join(ctx.sharedAssets, 'models') };
  ctx.log(`tracking ${path.basename(video)} end to end (about 40 s on 2 cores)…`);
  const { stdout } = await exec(process.execPath, [path.join(ctx.repoRoot, 'bin/run-ts.js'), fileURLToPath(import.meta.url), CHILD_FLAG, video], {
    cwd: ctx.repoRoot, env, maxBuffer: 1 << 20,
  });
  const child = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
  process.env.POSETRAIL_MODEL_PATH ??= env.POSETRAIL_MODEL_PATH;
  const detectorMs = await bareCallMs(DETECTOR);
  const poseMs = await bareCallMs(POSE_MODEL);
  const viewsPerFrame = await detectorViewsPerFrame(video);
  const trackingMs = child.wallMs - (child.stageMs.probe ?? 0) - (child.stageMs.load ?? 0);
  const bareSumMs = child.frames * viewsPerFrame * detectorMs + child.persons * poseMs;
  ctx.log(`${child.frames} frames in ${(trackingMs / 1000).toFixed(1)} s; bare models ${(bareSumMs / 1000).toFixed(1)} s; peak RSS ${child.maxRssKb} KiB`);
  return {
    video: VIDEO,
    models: { detector: DETECTOR, pose: POSE_MODEL, device: 'cpu' },
    frames: child.frames,
    poses: child.persons,
    tracks: child.tracks,
    endToEndFps: Math.round((child.frames / (trackingMs / 1000)) * 100) / 100,
    trackingWallMs: Math.round(trackingMs),
    stageMs: Object.fromEntries(Object.entries(child.stageMs).map(([k, v]) => [k, Math.round(v)])),
    detectorViewsPerFrame: viewsPerFrame,
    bareModelMs: { detectorCall: Math.round(detectorMs * 100) / 100, poseCall: Math.round(poseMs * 100) / 100, sum: Math.round(bareSumMs) },
    overheadRatio: Math.round((trackingMs / bareSumMs) * 1000) / 1000,
    peakRssMiB: Math.round(child.maxRssKb / 1024),
  };
}

/** Detector calls per frame of `video` with the default tiling: the whole frame plus its tiles. */
async function detectorViewsPerFrame(video: string): Promise<number> {
  const [{ createDetector }, { probeVideo }] = await Promise.all([import('../../core/detect/detector'), import('../../core/video')]);
  const info = await probeVideo(video);
  const detector = await createDetector({ model: DETECTOR, device: 'cpu' });
  try {
    return detector.viewsFor(info.width, info.height).length;
  } finally {
    await detector.dispose();
  }
}

/** Child mode: one tracking run, then its summary and peak RSS as a JSON line on stdout. */
async function childMain(video: string): Promise<void> {
  const { runTracking } = await import('../../core/pipeline/runner');
  const { summary } = await runTracking(video, { detector: DETECTOR, poseModel: POSE_MODEL, device: 'cpu' });
  const result: ChildResult = { ...summary, maxRssKb: peakRssKb()! };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const childIndex = process.argv.indexOf(CHILD_FLAG);
if (childIndex >= 0) await childMain(process.argv[childIndex + 1]);
