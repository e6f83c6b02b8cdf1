/**
 * The real pipeline on the shared two-people clip (YOLOX-nano + simplepose-nano, CPU): one full
 * run (about 40 s on 2 cores) shared by every test of this file. Asserts issue 4's target over the
 * whole clip: 230 PoseTrack images, at most 4 track ids, and each person's track on ≥ 95% of the
 * frames in which that person is visible.
 *
 * What the clip shows, checked frame by frame (frames extracted with ffmpeg):
 * - The man stands on a utility box from frame 0, backlit by the low sun. From frame ~166 he does
 *   a back flip off the box inside the sun's glare (upside down 167–181; the detector and the
 *   pose model barely see him), lands at ~187 and runs right, behind the tree. His body is in view
 *   on frames 0–226; on 227–228 only a sliver of leg and arm shows beside the trunk.
 * - The woman comes out from behind the tree on the right: a hand at frame 35, half her body at 37.
 *   She crosses the lawn and walks out at the left edge: her body is in view until frame 203, then
 *   only her trailing arm until 212.
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
    { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', reidModel: 'none', device: 'cpu' },
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
  for (let i = first; i <= last; i += 1)
    if (run.result.frames[i].poses.some((p) => p.trackId === trackId)) covered += 1;
  return covered / (last - first + 1);
}

/** Visible frame ranges, [first, last], read off the clip (see the file comment). */
const MAN_VISIBLE = [0, 226] as const;
const WOMAN_VISIBLE = [37, 203] as const;

/** Centre of a pose's box, rounded to whole pixels. */
const centre = (p: TrackedPose) => [Math.round(p.box.x + p.box.w / 2), Math.round(p.box.y + p.box.h / 2)];

describe('tracking the two-people clip', () => {
  it('writes a PoseTrack 2018 file with one image per frame', async () => {
    const out = path.join(dir, 'two.posetrack.json');
    await writeTrackingResult(out, run.result, { format: 'posetrack18' });
    const file = JSON.parse(await readFile(out, 'utf8'));
    expect(file.images).toHaveLength(230);
    expect(file.images.map((image: { frame_id: number }) => image.frame_id)).toEqual([...Array(230).keys()]);
    expect(run.summary.frames).toBe(230);
  });

  it('uses no more than 4 track ids over the whole clip', () => {
    const ids = new Set(run.result.frames.flatMap((f) => f.poses.map((p) => p.trackId)));
    expect(ids.size).toBeLessThanOrEqual(4);
  });

  it('keeps the woman on one track on ≥ 95% of the frames she is visible in', () => {
    // Frame 45: she has just come out from behind the tree, at about (1500, 750).
    const woman = poseNear(45, 1500, 750)!;
    expect(woman.box.x).toBeGreaterThan(1300);
    expect(coverage(woman.trackId, ...WOMAN_VISIBLE)).toBeGreaterThanOrEqual(0.95);
    // The same track is her, not the man, along her walk: mid-lawn at 150, at the left edge at 198.
    for (const [frame, x, y] of [
      [150, 500, 725],
      [198, 50, 717],
    ] as const) {
      const pose = run.result.frames[frame].poses.find((p) => p.trackId === woman.trackId)!;
      const [cx, cy] = centre(pose);
      expect(Math.hypot(cx - x, cy - y)).toBeLessThan(60);
    }
  });

  it('keeps the man on one track on ≥ 95% of the frames he is visible in, through the back flip', () => {
    // Frame 0: he stands on the box at about (650, 265).
    const man = poseNear(0, 650, 265)!;
    expect(man.box.y).toBeLessThan(200);
    expect(coverage(man.trackId, ...MAN_VISIBLE)).toBeGreaterThanOrEqual(0.95);
    // In the flip, where neither model is sure of him, weak poses in propagated boxes bridge the gap.
    const flip = run.result.frames.slice(166, 187);
    expect(flip.filter((f) => f.poses.some((p) => p.trackId === man.trackId)).length).toBeGreaterThanOrEqual(19);
    expect(
      flip.filter((f) => f.poses.some((p) => p.trackId === man.trackId && p.source === 'propagated')).length,
    ).toBeGreaterThan(8);
    // After landing, the same track runs right towards the tree: about (1340, 745) at frame 215.
    // The median over frames 213-217, since one frame's box may take in a swinging arm.
    const landed = run.result.frames.slice(213, 218).map((f) => f.poses.find((p) => p.trackId === man.trackId)!);
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [cx, cy] = [median(landed.map((p) => centre(p)[0])), median(landed.map((p) => centre(p)[1]))];
    expect(Math.hypot(cx - 1340, cy - 745)).toBeLessThan(60);
  });

  it('gives the two people different tracks', () => {
    expect(poseNear(0, 650, 265)!.trackId).not.toBe(poseNear(45, 1500, 750)!.trackId);
  });

  it('leaves nobody behind at the left edge once the woman has gone', () => {
    // Her trailing arm leaves at 212; the left third of the picture stays empty from 213.
    const left = run.result.frames.slice(213).flatMap((f) => f.poses.filter((p) => p.box.x + p.box.w / 2 < 600));
    expect(left).toEqual([]);
  });

  it('summarises the run and streams every frame once, in order', () => {
    const { summary } = run;
    expect(summary.executionProvider).toBe('cpu');
    expect(summary.persons).toBe(run.result.frames.reduce((n, f) => n + f.poses.length, 0));
    expect(summary.tracks).toBe(new Set(run.result.frames.flatMap((f) => f.poses.map((p) => p.trackId))).size);
    for (const stage of ['probe', 'load', 'decode', 'detect', 'pose', 'track'])
      expect(summary.stageMs[stage]).toBeGreaterThan(0);
    expect(streamed.map((f) => f.frameIndex)).toEqual([...Array(230).keys()]);
    expect(progress.at(-1)).toMatchObject({ done: 230, total: 230 });
    expect(run.result.models).toEqual({ detector: 'yolox-nano-416', pose: 'simplepose-nano' });
  });
});
