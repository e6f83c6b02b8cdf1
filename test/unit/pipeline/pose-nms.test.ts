import { describe, expect, it } from 'vitest';
import { suppressDuplicatePoses } from '../../../core/pipeline/pose-nms';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Keypoint, Pose } from '../../../core/types';

/** A person of 100×300 px standing at (x, 100): 17 keypoints spread over the body. */
function person(x: number, score: number, source: Pose['source'], jitterPx = 0): Pose {
  const keypoints = Array.from({ length: 17 }, (_, i) => [x + 20 + (i % 3) * 30 + jitterPx, 110 + i * 16, 0.9] as Keypoint);
  return { keypoints, box: { x, y: 100, w: 100, h: 300, score }, score, source };
}

const options = { sigmas: COCO17.sigmas, minKeypointScore: 0.3, maxOks: 0.7 };

describe('suppressDuplicatePoses', () => {
  it('keeps the detector pose when a propagated box found the same person', () => {
    const propagated = person(0, 0.95, 'propagated', 3);
    const detected = person(0, 0.6, 'detector');
    const other = person(400, 0.8, 'detector');
    expect(suppressDuplicatePoses([propagated, detected, other], options)).toEqual([detected, other]);
  });

  it('keeps two people standing side by side', () => {
    // 40 px apart: OKS ≈ exp(−1600 / (2 · 30000 · k²)), far below 0.7 for every joint.
    const poses = [person(0, 0.9, 'detector'), person(40, 0.9, 'detector')];
    expect(suppressDuplicatePoses(poses, options)).toHaveLength(2);
  });

  it('prefers the higher score between two poses of the same source', () => {
    const low = person(0, 0.5, 'propagated');
    const high = person(0, 0.7, 'propagated', 2);
    expect(suppressDuplicatePoses([low, high], options)).toEqual([high]);
  });

  it('handles an empty frame', () => {
    expect(suppressDuplicatePoses([], options)).toEqual([]);
  });
});
