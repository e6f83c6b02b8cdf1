import { describe, expect, it } from 'vitest';
import { labelTopLeft } from '../../../core/render/label-place';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Keypoint, Pose } from '../../../core/types';

const FRAME = { width: 640, height: 360 };
const LABEL = { widthPx: 60, heightPx: 20, gapPx: 6 };

/** A person in the box (100, 80, 80 × 200); `head` places nose and both eyes, or hides them. */
function person(head: [number, number] | null): Pose {
  const keypoints: Keypoint[] = COCO17.names.map(() => [0, 0, 0.05]);
  if (head) {
    keypoints[0] = [head[0], head[1], 0.9];
    keypoints[1] = [head[0] + 6, head[1] - 4, 0.8];
    keypoints[2] = [head[0] - 6, head[1] - 4, 0.8];
  }
  keypoints[5] = [150, 150, 0.9];
  return { keypoints, box: { x: 100, y: 80, w: 80, h: 200, score: 0.9 }, score: 0.8 };
}

describe('labelTopLeft', () => {
  it('centres the label just above the highest seen head point', () => {
    // Head points at y 96 (eyes) and 100 (nose), centred on x 140.
    expect(labelTopLeft(person([140, 100]), COCO17, 0.3, LABEL, FRAME)).toEqual({ x: 110, y: 96 - 6 - 20 });
  });

  it('follows the head of a person upside down, at the bottom of the box', () => {
    expect(labelTopLeft(person([140, 260]), COCO17, 0.3, LABEL, FRAME)).toEqual({ x: 110, y: 256 - 26 });
  });

  it('goes above the box corner when no head point is seen', () => {
    expect(labelTopLeft(person(null), COCO17, 0.3, LABEL, FRAME)).toEqual({ x: 100, y: 60 });
    expect(labelTopLeft(person([140, 100]), COCO17, 0.95, LABEL, FRAME)).toEqual({ x: 100, y: 60 });
  });

  it('stays inside the frame', () => {
    expect(labelTopLeft(person([10, 12]), COCO17, 0.3, LABEL, FRAME)).toEqual({ x: 0, y: 0 });
    expect(labelTopLeft(person([635, 200]), COCO17, 0.3, LABEL, FRAME)).toEqual({ x: 580, y: 196 - 26 });
  });
});
