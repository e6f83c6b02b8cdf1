/**
 * runTracking end to end on a tiny ffmpeg clip with fake models injected: what the runner hands
 * the tracker decides the track ids, so a setting lost on the way (the tracker's own keypoint
 * threshold instead of the run's) changes the result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO17 } from '../../../core/keypoints/schema';
import { runTracking, type TrackHooks } from '../../../core/pipeline/runner';
import type { Box, Frame, Keypoint, Pose } from '../../../core/types';

const FRAME_COUNT = 6;
const NEAR: Box = { x: 100, y: 100, w: 100, h: 200, score: 0.9 };
/** Odd frames' detector box: far from the person's joints, so only the keypoints link the pose to its track. */
const FAR: Box = { ...NEAR, x: 900 };
/** Between the tracker's old default (0.2) and the run's default minimum keypoint score (0.3). */
const UNCERTAIN_SCORE = 0.25;

let dir: string;
let video: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-runner-'));
  video = path.join(dir, 'grey.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=c=gray:s=1280x720:r=10',
    '-frames:v',
    String(FRAME_COUNT),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Even frames: all 17 joints in place, confident. Odd frames: five stay put and confident; the
 * other twelve score UNCERTAIN_SCORE and jump 150 px. Counted in OKS they make a new track.
 */
function fakePose(frame: Frame, box: Box): Pose {
  const jumped = frame.index % 2 === 1;
  const keypoints = COCO17.names.map((_, k): Keypoint => {
    const [x, y] = [120 + 4 * k, 110 + 10 * k];
    return !jumped || k < 5 ? [x, y, 0.9] : [x + 150, y + 150, UNCERTAIN_SCORE];
  });
  return { keypoints, box, score: 0.8 };
}

const fakeFactories: NonNullable<TrackHooks['factories']> = {
  createDetector: async () => ({
    manifest: { id: 'fake-detector' },
    provider: 'cpu',
    inputSize: [416, 416] as const,
    detect: async (frame: Frame) => [frame.index % 2 === 1 ? FAR : NEAR],
    dispose: () => undefined,
  }),
  createPoseEstimator: async () => ({
    manifest: { id: 'fake-pose' },
    provider: 'cpu',
    schema: COCO17,
    estimate: async (frame: Frame, boxes: Box[]) => boxes.map((box) => fakePose(frame, box)),
    dispose: () => undefined,
  }),
  loadReidModel: async () => undefined,
  defaultThreads: { detector: 1, pose: 1 },
};

async function trackIds(minKeypointScore?: number): Promise<number[][]> {
  const { result } = await runTracking(
    video,
    {
      detector: 'fake-detector',
      poseModel: 'fake-pose',
      reidModel: 'none',
      relink: false,
      stitch: false,
      ...(minKeypointScore !== undefined && { minKeypointScore }),
    },
    { factories: fakeFactories },
  );
  return result.frames.map((f) => f.poses.map((p) => p.trackId));
}

describe('runTracking with fake models', () => {
  it("tracks with the run's minimum keypoint score (0.3 by default): the uncertain joints do not break the track", async () => {
    expect(await trackIds()).toEqual(Array.from({ length: FRAME_COUNT }, () => [0]));
  });

  it('would break the track if the uncertain joints counted', async () => {
    const ids = (await trackIds(0.2)).flat();
    expect(new Set(ids).size).toBeGreaterThan(1);
  });
});

describe('runTracking loads the re-ID model beside the others', () => {
  const embedder = (disposed: string[]) => ({
    embed: async (_frame: Frame, boxes: readonly Box[]) => boxes.map(() => new Float32Array(4).fill(0.5)),
    dispose: async () => void disposed.push('reid'),
  });
  const options = { detector: 'fake-detector', poseModel: 'fake-pose', reidModel: 'fake-reid' };

  it('starts it before the probe ends, and disposes it with the others when the video cannot be read', async () => {
    const disposed: string[] = [];
    const started: string[] = [];
    const factories: NonNullable<TrackHooks['factories']> = {
      ...fakeFactories,
      loadReidModel: async () => {
        started.push('reid');
        return embedder(disposed) as never;
      },
    };
    const missing = path.join(dir, 'missing.mp4');
    await expect(runTracking(missing, options, { factories })).rejects.toThrow(/missing\.mp4/);
    expect(started).toEqual(['reid']);
    expect(disposed).toEqual(['reid']);
  });

  it('disposes it when the pose model fails to load, and reports that failure', async () => {
    const disposed: string[] = [];
    const factories: NonNullable<TrackHooks['factories']> = {
      ...fakeFactories,
      createPoseEstimator: async () => {
        throw new Error('fake-pose: broken file');
      },
      loadReidModel: async () => embedder(disposed) as never,
    };
    await expect(runTracking(video, options, { factories })).rejects.toThrow('fake-pose: broken file');
    expect(disposed).toEqual(['reid']);
  });
});
