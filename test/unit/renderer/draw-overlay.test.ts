import { describe, expect, it } from 'vitest';
import { isFilledPose, limbDash } from '../../../renderer/src/lib/filled-pose';
import { KEYPOINT_FLAG, type Keypoint, type TrackedPose } from '../../../core/types';

const keypoints = Array.from({ length: 17 }, (_, k) => [100, 100 + 20 * k, 0.9] as Keypoint);
const pose = (flags?: number[]): Pick<TrackedPose, 'keypoints' | 'keypointFlags'> => ({
  keypoints,
  keypointFlags: flags,
});

describe('filled poses on the overlay', () => {
  it('counts a pose as filled only when every keypoint was interpolated', () => {
    expect(isFilledPose(pose(Array(17).fill(KEYPOINT_FLAG.filled | KEYPOINT_FLAG.smoothed)))).toBe(true);
    expect(isFilledPose(pose([...Array(16).fill(KEYPOINT_FLAG.filled), 0]))).toBe(false);
    expect(isFilledPose(pose(Array(17).fill(KEYPOINT_FLAG.smoothed)))).toBe(false);
    expect(isFilledPose(pose())).toBe(false);
  });

  it("dashes a filled pose's limbs, scaled with the stroke, and leaves a measured one solid", () => {
    expect(limbDash(pose(Array(17).fill(KEYPOINT_FLAG.filled)), 2)).toEqual([10, 8]);
    expect(limbDash(pose(Array(17).fill(KEYPOINT_FLAG.edited)), 2)).toEqual([]);
  });
});
