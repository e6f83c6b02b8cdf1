import { describe, expect, it } from 'vitest';
import { poseScore } from '../../../core/pose/pose-score';

describe('poseScore', () => {
  it('averages the keypoints above 0.2 and multiplies by the box score', () => {
    expect(poseScore([0.9, 0.7, 0.1, 0.05], 0.5)).toBeCloseTo(0.4, 9);
  });
  it('falls back to all keypoints when none passes', () => {
    expect(poseScore([0.1, 0.2, 0.15], 1)).toBeCloseTo(0.15, 9);
  });
  it('is 0 without keypoints', () => {
    expect(poseScore([], 0.9)).toBe(0);
  });
});
