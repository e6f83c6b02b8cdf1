import { describe, expect, it } from 'vitest';
import { cocoToPoseTrack } from '../../../core/export/coco-to-posetrack';
import { headBoxFromPoseTrack } from '../../../core/export/head-box';
import type { Keypoint } from '../../../core/types';

/** A frontal person: face points around (100, 50), shoulders at y = 100. */
function person(): Keypoint[] {
  const k: Keypoint[] = Array.from({ length: 17 }, () => [0, 0, 0.5]);
  k[0] = [100, 50, 1]; // nose
  k[1] = [95, 45, 1]; // left eye
  k[2] = [105, 45, 1]; // right eye
  k[3] = [90, 50, 1]; // left ear
  k[4] = [110, 50, 1]; // right ear
  k[5] = [80, 100, 0.8]; // left shoulder
  k[6] = [120, 100, 0.8]; // right shoulder
  k[9] = [70, 160, 0.7]; // left wrist
  return k;
}

describe('cocoToPoseTrack', () => {
  it('derives head_bottom a quarter of the way from the shoulders to the face, head_top beyond the face', () => {
    const out = cocoToPoseTrack(person());
    // Face centre F = mean of (100,50) (95,45) (105,45) (90,50) (110,50) = (100, 48); score 1.
    // Shoulder centre M = (100, 100); score 0.8.
    // head_bottom = M + 0.25·(F − M) = (100, 100 − 13) = (100, 87).
    // head_top = F + 0.7·(F − head_bottom) = (100, 48 − 0.7·39) = (100, 20.7).
    // Both scored min(1, 0.8) = 0.8.
    expect(out[1][0]).toBeCloseTo(100, 10);
    expect(out[1][1]).toBeCloseTo(87, 10);
    expect(out[1][2]).toBeCloseTo(0.8, 10);
    expect(out[2][0]).toBeCloseTo(100, 10);
    expect(out[2][1]).toBeCloseTo(20.7, 10);
    expect(out[2][2]).toBeCloseTo(0.8, 10);
  });

  it('copies the nose and the body joints, clears the ears, and leaves the input untouched', () => {
    const input = person();
    const out = cocoToPoseTrack(input);
    expect(out[0]).toEqual([100, 50, 1]);
    expect(out[3]).toEqual([0, 0, 0]);
    expect(out[4]).toEqual([0, 0, 0]);
    expect(out.slice(5)).toEqual(input.slice(5));
    expect(input[1]).toEqual([95, 45, 1]);
  });

  it('weights the face centre by score and leaves the head empty without face or shoulders', () => {
    const k = person();
    // Only the nose (score 1) and the left ear (score 0.5) remain: F = ((100 + 45) / 1.5, (50 + 25) / 1.5) = (96.67, 50).
    k[1] = [0, 0, 0];
    k[2] = [0, 0, 0];
    k[3] = [90, 50, 0.5];
    k[4] = [0, 0, 0];
    const out = cocoToPoseTrack(k);
    // head_bottom = (100, 100) + 0.25·((96.67, 50) − (100, 100)) = (99.1667, 87.5)
    expect(out[1][0]).toBeCloseTo(100 - 0.25 * (10 / 3), 6);
    expect(out[1][1]).toBeCloseTo(87.5, 6);
    // face score = (1 + 0.5) / 5 = 0.3 < shoulders 0.8
    expect(out[1][2]).toBeCloseTo(0.3, 10);
    k[5] = [0, 0, 0];
    k[6] = [0, 0, 0];
    const headless = cocoToPoseTrack(k);
    expect(headless[1]).toEqual([0, 0, 0]);
    expect(headless[2]).toEqual([0, 0, 0]);
    expect(() => cocoToPoseTrack(k.slice(0, 15))).toThrow(/expected 17 COCO keypoints, got 15/);
  });
});

describe('headBoxFromPoseTrack', () => {
  it('is a square between head_bottom and head_top with their distance as side', () => {
    const k: Keypoint[] = Array.from({ length: 17 }, () => [0, 0, 0]);
    k[1] = [100, 87, 0.8];
    k[2] = [100, 20.7, 0.8];
    const [x, y, w, h] = headBoxFromPoseTrack(k)!;
    // Side 66.3, centre (100, 53.85).
    expect(w).toBeCloseTo(66.3, 10);
    expect(h).toBeCloseTo(66.3, 10);
    expect(x).toBeCloseTo(100 - 33.15, 10);
    expect(y).toBeCloseTo(53.85 - 33.15, 10);
    k[2] = [0, 0, 0];
    expect(headBoxFromPoseTrack(k)).toBeNull();
  });
});
