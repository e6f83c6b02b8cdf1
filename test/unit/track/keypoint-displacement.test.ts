import { describe, expect, it } from 'vitest';
import { keypointDisplacement } from '../../../core/track/keypoint-displacement';
import type { Keypoint, Pose } from '../../../core/types';

const pose = (keypoints: Keypoint[], box = { x: 0, y: 0, w: 100, h: 200, score: 0.9 }): Pose => ({
  keypoints,
  box,
  score: 0.9,
});

describe('keypointDisplacement', () => {
  it('is the mean move of the keypoints confident in both poses, whatever the boxes do', () => {
    const from = pose([
      [10, 10, 0.9],
      [20, 40, 0.9],
      [30, 50, 0.9],
    ]);
    // The box shrinks to a third (the person is cut by the image edge); the joints moved 2 px and 4 px.
    const to = pose(
      [
        [12, 10, 0.9],
        [24, 40, 0.8],
        [300, 500, 0.1],
      ],
      { x: 0, y: 0, w: 30, h: 200, score: 0.5 },
    );
    expect(keypointDisplacement(from, to, 0.2)).toEqual([3, 0]);
  });

  it('is null when no keypoint is confident in both poses', () => {
    expect(
      keypointDisplacement(
        pose([
          [0, 0, 0.9],
          [5, 5, 0.1],
        ]),
        pose([
          [9, 9, 0.1],
          [5, 5, 0.9],
        ]),
        0.2,
      ),
    ).toBeNull();
    expect(keypointDisplacement(pose([]), pose([]), 0.2)).toBeNull();
  });
});
