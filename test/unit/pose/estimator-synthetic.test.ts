import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPoseEstimator, type PoseEstimator } from '../../../core/pose/estimator';
import type { Box, Frame } from '../../../core/types';
import { SHARED_MODELS_DIR } from '../../helpers/assets';
import { frameWithBlobs, writeSyntheticPoseModel, type SyntheticLayout } from '../../helpers/synthetic-pose-model';

const RED = 0;
const GREEN = 1;
const BLUE = 2;

// Two people far apart on a non-square 900×500 frame. Each has a red "nose" blob, a green blob for
// the left-side keypoints and a blue one for the right side.
const PEOPLE = [
  {
    box: { x: 120, y: 80, w: 150, h: 300, score: 0.9 },
    nose: [196.3, 120.6],
    left: [240.2, 230.9],
    right: [150.7, 300.1],
  },
  {
    box: { x: 600, y: 150, w: 110, h: 200, score: 0.6 },
    nose: [655.5, 170.2],
    left: [690.4, 260.7],
    right: [620.8, 330.3],
  },
] as const;

const frame: Frame = {
  index: 0,
  timestampMs: 0,
  width: 900,
  height: 500,
  rgb: frameWithBlobs(
    900,
    500,
    PEOPLE.flatMap((p) => [
      { x: p.nose[0], y: p.nose[1], channel: RED },
      { x: p.left[0], y: p.left[1], channel: GREEN },
      { x: p.right[0], y: p.right[1], channel: BLUE },
    ]),
  ),
};
const boxes: Box[] = PEOPLE.map((p) => p.box);

/** COCO-17: 0 nose, odd indices left side, even indices (≥ 2) right side. */
const sideChannel = (k: number) => (k === 0 ? RED : k % 2 === 1 ? GREEN : BLUE);
/** The flip test needs a model that is symmetric under a mirror: left and right read one channel. */
const pairedChannel = (k: number) => (k === 0 ? RED : GREEN);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-synthetic-pose-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function estimatorFor(
  layout: SyntheticLayout,
  channelOf: (k: number) => number,
  flipTest: boolean,
  refine?: 'dark',
): Promise<PoseEstimator> {
  const file = await writeSyntheticPoseModel(path.join(dir, `${layout}-${flipTest}-${refine}`), layout, channelOf);
  return createPoseEstimator({ model: file, device: 'cpu', threads: 1, flipTest, refine });
}

function expectNear(actual: readonly number[], expected: readonly number[], maxPx: number): void {
  const distance = Math.hypot(actual[0] - expected[0], actual[1] - expected[1]);
  expect(distance, `(${actual[0].toFixed(2)}, ${actual[1].toFixed(2)}) vs (${expected.join(', ')})`).toBeLessThan(
    maxPx,
  );
}

describe.each([
  ['hrnet-w32-coco-256x192', 'dynamic batch: both boxes in one call'],
  ['simplepose-nano', 'batch fixed at 1: one call per box'],
] as const)('pose estimator on a synthetic %s model (%s)', (layout, _batching) => {
  it('puts every keypoint within 2 px of its blob in image coordinates', async () => {
    const estimator = await estimatorFor(layout, sideChannel, false);
    try {
      expect(estimator.schema.id).toBe('coco17');
      const poses = await estimator.estimate(frame, boxes);
      expect(poses).toHaveLength(2);
      poses.forEach((pose, i) => {
        const person = PEOPLE[i];
        expect(pose.box).toEqual(person.box);
        expect(pose.keypoints).toHaveLength(17);
        pose.keypoints.forEach((kp, k) =>
          expectNear(kp, k === 0 ? person.nose : k % 2 === 1 ? person.left : person.right, 2),
        );
        const scores = pose.keypoints.map((kp) => kp[2]);
        for (const s of scores) expect(s).toBeGreaterThan(0.3);
        for (const s of scores) expect(s).toBeLessThan(1);
        const meanScore = scores.reduce((a, b) => a + b, 0) / scores.length;
        expect(pose.score).toBeCloseTo(meanScore * person.box.score, 5);
      });
    } finally {
      await estimator.dispose();
    }
  });

  it('with the flip test and DARK refinement still lands within 2 px', async () => {
    const estimator = await estimatorFor(layout, pairedChannel, true, 'dark');
    try {
      const poses = await estimator.estimate(frame, boxes);
      poses.forEach((pose, i) => {
        pose.keypoints.forEach((kp, k) => expectNear(kp, k === 0 ? PEOPLE[i].nose : PEOPLE[i].left, 2));
      });
    } finally {
      await estimator.dispose();
    }
  });
});

describe('pose estimator edge cases', () => {
  it('returns no poses for no boxes and serves overlapping calls in order', async () => {
    const estimator = await estimatorFor('hrnet-w32-coco-256x192', sideChannel, false);
    try {
      expect(await estimator.estimate(frame, [])).toEqual([]);
      const [a, b] = await Promise.all([estimator.estimate(frame, [boxes[0]]), estimator.estimate(frame, [boxes[1]])]);
      expectNear(a[0].keypoints[0], PEOPLE[0].nose, 2);
      expectNear(b[0].keypoints[0], PEOPLE[1].nose, 2);
    } finally {
      await estimator.dispose();
    }
  });

  it('on CPU runs a dynamic-batch model on at most 4 crops per call unless told otherwise', async () => {
    const file = await writeSyntheticPoseModel(path.join(dir, 'batching'), 'hrnet-w32-coco-256x192', sideChannel);
    const sixBoxes = [...boxes, ...boxes, ...boxes];
    const byDefault = await createPoseEstimator({ model: file, device: 'cpu', threads: 1 });
    const eight = await createPoseEstimator({ model: file, device: 'cpu', threads: 1, maxBatch: 8 });
    try {
      const poses = await byDefault.estimate(frame, sixBoxes);
      expect(byDefault.times.callsByBatch).toEqual({ 4: 1, 2: 1 });
      expect(poses.map((pose) => pose.box)).toEqual(sixBoxes);
      await eight.estimate(frame, sixBoxes);
      expect(eight.times.callsByBatch).toEqual({ 6: 1 });
    } finally {
      await Promise.all([byDefault.dispose(), eight.dispose()]);
    }
  });

  it('rejects bad options before loading anything', async () => {
    await expect(createPoseEstimator({ model: 'simplepose-nano', refine: 'subpixel' as 'dark' })).rejects.toThrow(
      'Invalid refine "subpixel". Should be one of quarter, dark.',
    );
    await expect(createPoseEstimator({ model: 'simplepose-nano', maxBatch: 0 })).rejects.toThrow(
      'Invalid maxBatch 0. Should be a positive integer.',
    );
  });

  it('refuses a detector model with a message naming it', async () => {
    await expect(
      createPoseEstimator({ model: path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx'), threads: 1 }),
    ).rejects.toThrow('Model yolox-nano-416 is a person-detector model, not a top-down pose model.');
  });
});
