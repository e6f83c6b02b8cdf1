import { describe, expect, it } from 'vitest';
import { boxFromKeypoints } from '../../../core/pipeline/box-from-keypoints';
import type { Keypoint } from '../../../core/types';

const options = {
  minKeypointScore: 0.3,
  minVisibleKeypoints: 3,
  enlarge: 1.2,
  imageSize: [640, 360] as [number, number],
  score: 0.8,
};

describe('boxFromKeypoints', () => {
  it('encloses the visible keypoints, enlarged about their centre', () => {
    const keypoints: Keypoint[] = [
      [100, 50, 0.9],
      [200, 50, 0.9],
      [150, 250, 0.9],
      [5, 5, 0.1],
    ];
    const box = boxFromKeypoints(keypoints, options)!;
    // Visible extent 100..200 × 50..250 (the low-score point is ignored), centre (150, 150).
    expect(box.x).toBeCloseTo(90, 6);
    expect(box.w).toBeCloseTo(120, 6);
    expect(box.y).toBeCloseTo(30, 6);
    expect(box.h).toBeCloseTo(240, 6);
    expect(box.score).toBe(0.8);
  });

  it('clips to the image, width and height independently', () => {
    const keypoints: Keypoint[] = [
      [600, 300, 1],
      [640, 300, 1],
      [620, 360, 1],
    ];
    const box = boxFromKeypoints(keypoints, options)!;
    // Unclipped x 596..644, y 294..366; image is 640 wide and 360 high.
    expect(box.x).toBeCloseTo(596, 6);
    expect(box.x + box.w).toBe(640);
    expect(box.y).toBeCloseTo(294, 6);
    expect(box.y + box.h).toBe(360);
  });

  it('returns null with too few visible keypoints or a box outside the image', () => {
    expect(
      boxFromKeypoints(
        [
          [10, 10, 0.9],
          [20, 20, 0.9],
          [30, 30, 0.2],
        ],
        options,
      ),
    ).toBeNull();
    expect(
      boxFromKeypoints(
        [
          [700, 10, 0.9],
          [720, 20, 0.9],
          [710, 60, 0.9],
        ],
        options,
      ),
    ).toBeNull();
    expect(boxFromKeypoints([], options)).toBeNull();
  });

  it('ignores keypoints with NaN coordinates', () => {
    const keypoints: Keypoint[] = [
      [NaN, 10, 0.9],
      [10, 10, 0.9],
      [20, 30, 0.9],
      [30, 10, 0.9],
    ];
    const box = boxFromKeypoints(keypoints, options)!;
    expect(box.x).toBeCloseTo(8, 6);
    expect(box.w).toBeCloseTo(24, 6);
  });
});
