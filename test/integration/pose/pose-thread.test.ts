import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoseEstimator, type PoseEstimator } from '../../../core/pose/estimator';
import { createThreadedPoseEstimator } from '../../../core/pipeline/pose-thread';
import { probeVideo, readFrames } from '../../../core/video/index';
import { FrameBufferPool } from '../../../core/video/frame-pool';
import type { Box, Frame, Pose } from '../../../core/types';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

/**
 * The pose model on its own thread gives exactly the poses of the pose model on the calling
 * thread, for frames in shared memory (the decoder's pool) and in ordinary buffers, answers
 * calls in order, keeps the call counts, and fails with the model's own messages.
 */
const OPTIONS = { model: 'simplepose-nano', device: 'cpu' as const, threads: 1 };
/** The man and the woman on frame 120 of the two-people clip, roughly. */
const BOXES: Box[] = [
  { x: 700, y: 250, w: 300, h: 600, score: 0.9 },
  { x: 150, y: 450, w: 200, h: 480, score: 0.8 },
];

let frame: Frame;
let local: PoseEstimator;
let threaded: PoseEstimator;

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  const video = await probeVideo(VIDEOS.twoPeople);
  const pool = new FrameBufferPool();
  for await (const decoded of readFrames(video, { startFrame: 120, endFrame: 121, bufferPool: pool })) frame = decoded;
  [local, threaded] = await Promise.all([createPoseEstimator(OPTIONS), createThreadedPoseEstimator(OPTIONS)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([local?.dispose(), threaded?.dispose()]);
});

function rounded(poses: Pose[]): number[][] {
  return poses.map((p) => [p.score, ...p.keypoints.flat()].map((v) => Math.round(v * 1000) / 1000));
}

describe('pose model on its own thread', () => {
  it('reports the model, keypoint schema and provider it loaded', () => {
    expect(threaded.manifest.id).toBe('simplepose-nano');
    expect(threaded.schema).toEqual(local.schema);
    expect(threaded.provider).toBe('cpu');
  });

  it('estimates the same poses as on the calling thread, from shared and from ordinary pixels', async () => {
    expect(frame.rgb.buffer).toBeInstanceOf(SharedArrayBuffer);
    const expected = await local.estimate(frame, BOXES);
    expect(expected).toHaveLength(2);
    expect(rounded(await threaded.estimate(frame, BOXES))).toEqual(rounded(expected));
    const copy = { ...frame, rgb: Uint8Array.from(frame.rgb) };
    expect(rounded(await threaded.estimate(copy, BOXES))).toEqual(rounded(expected));
  });

  it('answers concurrent calls in order, and counts its calls like the local pose model', async () => {
    const before = threaded.times.images;
    const results = await Promise.all([BOXES.slice(0, 1), BOXES.slice(1), BOXES].map((boxes) => threaded.estimate(frame, boxes)));
    expect(results.map((poses) => poses.length)).toEqual([1, 1, 2]);
    expect(rounded(results[0])).toEqual(rounded(await local.estimate(frame, BOXES.slice(0, 1))));
    expect(threaded.times.images - before).toBe(4);
    expect(threaded.times.modelMs).toBeGreaterThan(0);
  });

  it('rejects a call on a broken frame with the model\'s own message and keeps working', async () => {
    const broken = { ...frame, rgb: new Uint8Array(10) };
    await expect(threaded.estimate(broken, BOXES)).rejects.toThrow(/Image buffer holds 10 bytes/);
    expect(await threaded.estimate(frame, BOXES)).toHaveLength(2);
  });

  it('fails to load with a message that names the missing model', async () => {
    await expect(createThreadedPoseEstimator({ ...OPTIONS, model: 'no-such-pose-model' })).rejects.toThrow(/no-such-pose-model/);
  });

  it('refuses calls once disposed', async () => {
    const estimator = await createThreadedPoseEstimator(OPTIONS);
    await estimator.dispose();
    await expect(estimator.estimate(frame, BOXES)).rejects.toThrow(/pose model has been disposed/);
  });
});
