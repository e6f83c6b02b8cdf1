/**
 * The real pipeline on the shared two-people clip (YOLOX-nano + simplepose-nano, CPU): one full
 * run (about 40 s on 2 cores) shared by every test of this file.
 *
 * What the clip shows, checked frame by frame: a man stands on a utility box from frame 0, backlit
 * by the low sun; a woman walks in from behind the tree on the right at frame ~41 and crosses the
 * lawn to the left edge, which she reaches at frame ~198. From frame ~166 the man does a back flip
 * off the box inside the sun's glare, lands at ~187 and runs off behind the tree at ~227.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runTracking, type TrackRun } from '../../../core/pipeline/runner';
import { writeTrackingResult } from '../../../core/export/write';
import type { FramePoses, Progress, TrackedPose } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let run: TrackRun;
let progress: Progress[];
let streamed: FramePoses[];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-two-people-'));
  progress = [];
  streamed = [];
  run = await runTracking(
    VIDEOS.twoPeople,
    { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', device: 'cpu' },
    { onProgress: (p) => progress.push(p), onFrames: (frames) => streamed.push(...frames) },
  );
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pose on `frameIndex` nearest to image point (x, y), by box centre. */
function poseNear(frameIndex: number, x: number, y: number): TrackedPose | undefined {
  const frame = run.result.frames[frameIndex];
  const distance = (p: TrackedPose) => Math.hypot(p.box.x + p.box.w / 2 - x, p.box.y + p.box.h / 2 - y);
  return [...frame.poses].sort((a, b) => distance(a) - distance(b))[0];
}

/** Fraction of frames in [first, last] on which `trackId` has a pose. */
function coverage(trackId: number, first: number, last: number): number {
  let covered = 0;
  for (let i = first; i <= last; i += 1) if (run.result.frames[i].poses.some((p) => p.trackId === trackId)) covered += 1;
  return covered / (last - first + 1);
}

describe('tracking the two-people clip', () => {
  it('writes a PoseTrack 2018 file with one image per frame', async () => {
    const out = path.join(dir, 'two.posetrack.json');
    await writeTrackingResult(out, run.result, { format: 'posetrack18' });
    const file = JSON.parse(await readFile(out, 'utf8'));
    expect(file.images).toHaveLength(230);
    expect(file.images.map((image: { frame_id: number }) => image.frame_id)).toEqual([...Array(230).keys()]);
    expect(run.summary.frames).toBe(230);
  });

  it('keeps the woman on one track while she crosses the lawn', () => {
    // Frame 45: she has just come out from behind the tree, at about (1500, 750).
    const woman = poseNear(45, 1500, 750)!;
    expect(woman.box.x).toBeGreaterThan(1300);
    expect(coverage(woman.trackId, 45, 198)).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the backlit man on one track until his flip, through long detector misses', () => {
    // Frame 0: he stands on the box at about (650, 265).
    const man = poseNear(0, 650, 265)!;
    expect(man.box.y).toBeLessThan(200);
    expect(coverage(man.trackId, 0, 165)).toBeGreaterThanOrEqual(0.95);
    // YOLOX-nano misses him for stretches of 20+ frames against the sun: propagation serves them.
    const propagated = run.result.frames.slice(100, 160).filter((f) => f.poses.some((p) => p.trackId === man.trackId && p.source === 'propagated'));
    expect(propagated.length).toBeGreaterThan(40);
  });

  it('uses exactly two track ids while both stand in full view', () => {
    const ids = new Set(run.result.frames.slice(0, 166).flatMap((f) => f.poses.map((p) => p.trackId)));
    expect(ids.size).toBe(2);
  });

  it('leaves nobody behind once both have gone', () => {
    expect(run.result.frames.slice(227).every((f) => f.poses.length === 0)).toBe(true);
  });

  it('summarises the run and streams every frame once, in order', () => {
    const { summary } = run;
    expect(summary.executionProvider).toBe('cpu');
    expect(summary.persons).toBe(run.result.frames.reduce((n, f) => n + f.poses.length, 0));
    expect(summary.tracks).toBe(new Set(run.result.frames.flatMap((f) => f.poses.map((p) => p.trackId))).size);
    for (const stage of ['probe', 'load', 'decode', 'detect', 'pose', 'track']) expect(summary.stageMs[stage]).toBeGreaterThan(0);
    expect(streamed.map((f) => f.frameIndex)).toEqual([...Array(230).keys()]);
    expect(progress.at(-1)).toMatchObject({ done: 230, total: 230 });
    expect(run.result.models).toEqual({ detector: 'yolox-nano-416', pose: 'simplepose-nano' });
  });
});
