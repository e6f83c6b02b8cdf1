import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPoseEstimator } from '../../../core/pose/estimator';
import type { Box, Frame } from '../../../core/types';
import { frameWithBlobs } from '../../helpers/synthetic-pose-model';
import { writeSyntheticSimccModel } from '../../helpers/synthetic-simcc-model';

const RED = 0;
const GREEN = 1;
const BLUE = 2;

// Two people on a non-square 900×500 frame, each with a red nose, a green left and a blue right blob.
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
const sideChannel = (k: number) => (k === 0 ? RED : k % 2 === 1 ? GREEN : BLUE);
const pairedChannel = (k: number) => (k === 0 ? RED : GREEN);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-synthetic-simcc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectNear(actual: readonly number[], expected: readonly number[], maxPx: number): void {
  const distance = Math.hypot(actual[0] - expected[0], actual[1] - expected[1]);
  expect(distance, `(${actual[0].toFixed(2)}, ${actual[1].toFixed(2)}) vs (${expected.join(', ')})`).toBeLessThan(
    maxPx,
  );
}

describe.each(['rtmpose-m-coco-256x192', 'rtmpose-l-coco-384x288'])(
  'pose estimator on a synthetic SimCC model (%s)',
  (id) => {
    it('puts every keypoint within 1.5 px of its blob, scored by the SimCC maxima', async () => {
      const file = await writeSyntheticSimccModel(path.join(dir, `${id}-plain`), id, sideChannel);
      const estimator = await createPoseEstimator({ model: file, device: 'cpu', threads: 1 });
      try {
        expect(estimator.manifest.id).toBe(id);
        const poses = await estimator.estimate(frame, boxes);
        expect(poses).toHaveLength(2);
        poses.forEach((pose, i) => {
          const person = PEOPLE[i];
          pose.keypoints.forEach((kp, k) =>
            expectNear(kp, k === 0 ? person.nose : k % 2 === 1 ? person.left : person.right, 1.5),
          );
          // Blob peaks sample to about +2 after RTMPose's normalisation, × the model's gain of 0.3.
          for (const kp of pose.keypoints) expect(kp[2]).toBeGreaterThan(0.5);
          for (const kp of pose.keypoints) expect(kp[2]).toBeLessThan(1);
        });
      } finally {
        await estimator.dispose();
      }
    });

    it('with the flip test (both halves averaged) lands within 1.5 px too', async () => {
      const file = await writeSyntheticSimccModel(path.join(dir, `${id}-flip`), id, pairedChannel);
      const estimator = await createPoseEstimator({ model: file, device: 'cpu', threads: 1, flipTest: true });
      try {
        const poses = await estimator.estimate(frame, boxes);
        poses.forEach((pose, i) => {
          pose.keypoints.forEach((kp, k) => expectNear(kp, k === 0 ? PEOPLE[i].nose : PEOPLE[i].left, 1.5));
        });
      } finally {
        await estimator.dispose();
      }
    });
  },
);
