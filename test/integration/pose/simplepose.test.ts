import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetector } from '../../../core/detect/detector';
import { createPoseEstimator, type PoseEstimator } from '../../../core/pose/estimator';
import { probeVideo, readFrames } from '../../../core/video/index';
import type { Box, Frame, Pose } from '../../../core/types';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

/**
 * The real simplepose-nano on frames of two_people_1768x994_vp9.mp4 chosen by looking at them:
 * frames 0 and 10 show the man on the box facing the camera (arms down, then held out); frames 75
 * and 80 show both people, the man on the box and the woman walking across the grass.
 */
const FRONTAL_FRAMES = [0, 10];
const BOTH_FRAMES = [75, 80];
const NOSE = 0;
const [LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP] = [5, 6, 11, 12];
const CORE_KEYPOINTS = [NOSE, LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP];

const frames = new Map<number, { frame: Frame; boxes: Box[] }>();
let plain: PoseEstimator;
let flipped: PoseEstimator;

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  const detector = await createDetector({ model: 'yolox-nano-416', device: 'cpu', minScore: 0.5 });
  const info = await probeVideo(VIDEOS.twoPeople);
  const wanted = new Set([...FRONTAL_FRAMES, ...BOTH_FRAMES]);
  for await (const frame of readFrames(info, { endFrame: Math.max(...wanted) + 1, stride: 5 })) {
    if (wanted.has(frame.index)) frames.set(frame.index, { frame, boxes: await detector.detect(frame) });
  }
  await detector.dispose();
  plain = await createPoseEstimator({ model: 'simplepose-nano', device: 'cpu' });
  flipped = await createPoseEstimator({ model: 'simplepose-nano', device: 'cpu', flipTest: true });
});

afterAll(async () => {
  await plain?.dispose();
  await flipped?.dispose();
});

function inside(box: Box, [x, y]: readonly number[]): boolean {
  return x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h;
}

async function posesAt(estimator: PoseEstimator, index: number): Promise<Pose[]> {
  const entry = frames.get(index);
  if (!entry) throw new Error(`frame ${index} was not decoded`);
  return estimator.estimate(entry.frame, entry.boxes);
}

describe.each([
  ['without flip test', () => plain],
  ['with flip test', () => flipped],
])('simplepose-nano on the two-people clip (%s)', (_name, estimator) => {
  it.each(BOTH_FRAMES)('frame %i: nose, shoulders and hips of both people lie inside their boxes', async (index) => {
    const poses = await posesAt(estimator(), index);
    expect(poses).toHaveLength(2);
    for (const pose of poses) {
      expect(pose.keypoints).toHaveLength(17);
      for (const k of CORE_KEYPOINTS) {
        expect(
          inside(pose.box, pose.keypoints[k]),
          `keypoint ${k} ${pose.keypoints[k]} in ${JSON.stringify(pose.box)}`,
        ).toBe(true);
        expect(pose.keypoints[k][2]).toBeGreaterThan(0.2);
      }
    }
  });

  it.each(FRONTAL_FRAMES)(
    'frame %i: the frontal man has his left shoulder and hip on the image right',
    async (index) => {
      const [pose] = await posesAt(estimator(), index);
      const kp = pose.keypoints;
      expect(kp[LEFT_SHOULDER][0]).toBeGreaterThan(kp[RIGHT_SHOULDER][0] + 20);
      expect(kp[LEFT_HIP][0]).toBeGreaterThan(kp[RIGHT_HIP][0] + 10);
      // Upright: nose above the shoulders, shoulders above the hips.
      expect(kp[NOSE][1]).toBeLessThan(Math.min(kp[LEFT_SHOULDER][1], kp[RIGHT_SHOULDER][1]));
      expect(Math.max(kp[LEFT_SHOULDER][1], kp[RIGHT_SHOULDER][1])).toBeLessThan(
        Math.min(kp[LEFT_HIP][1], kp[RIGHT_HIP][1]),
      );
    },
  );
});

describe('pose scores and refinement', () => {
  it('scores keypoints in 0..1 and the pose by the mean confident keypoint times the box score', async () => {
    const poses = await posesAt(plain, 80);
    for (const pose of poses) {
      const scores = pose.keypoints.map((k) => k[2]);
      for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
      for (const s of scores) expect(s).toBeLessThanOrEqual(1);
      const confident = scores.filter((s) => s > 0.2);
      const mean = confident.reduce((a, b) => a + b, 0) / confident.length;
      expect(pose.score).toBeCloseTo(mean * pose.box.score, 6);
    }
  });

  it('DARK refinement moves keypoints by sub-heatmap-pixel amounts only', async () => {
    const dark = await createPoseEstimator({ model: 'simplepose-nano', device: 'cpu', refine: 'dark' });
    try {
      const [a, b] = [await posesAt(plain, 80), await posesAt(dark, 80)];
      a.forEach((pose, i) => {
        // One heatmap pixel is window height / 64 image pixels.
        const heatmapPx = (Math.max(pose.box.h, pose.box.w / 0.75) * 1.25) / 64;
        pose.keypoints.forEach((kp, k) => {
          const moved = Math.hypot(kp[0] - b[i].keypoints[k][0], kp[1] - b[i].keypoints[k][1]);
          expect(moved).toBeLessThanOrEqual(1.5 * heatmapPx);
        });
      });
    } finally {
      await dark.dispose();
    }
  });
});
