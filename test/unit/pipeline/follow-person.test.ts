import { describe, expect, it } from 'vitest';
import { followPerson } from '../../../core/pipeline/follow-person';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Box, Frame, Keypoint, Pose } from '../../../core/types';

/**
 * A scripted pose model: a person 200 px tall standing at x = 300 + 10·frame, seen with score
 * `scoreOf(frame)`; each call records the box it was given.
 */
function scriptedModel(scoreOf: (frameIndex: number) => number) {
  const boxes: Array<[number, Box]> = [];
  return {
    boxes,
    async estimate(frame: Frame, given: Box[]): Promise<Pose[]> {
      boxes.push([frame.index, given[0]]);
      const cx = 300 + 10 * frame.index;
      const keypoints = Array.from(
        { length: 17 },
        (_, k) => [cx + (k % 2 ? 30 : -30), 200 + 12 * k, scoreOf(frame.index)] as Keypoint,
      );
      return [{ keypoints, box: given[0], score: scoreOf(frame.index) }];
    },
  };
}

async function* framesFrom(first: number, count: number): AsyncGenerator<Frame> {
  for (let index = first; index < first + count; index++)
    yield { index, timestampMs: index * 40, width: 1280, height: 720, rgb: new Uint8Array(0) };
}

const base = {
  box: { x: 250, y: 150, w: 120, h: 260 },
  minKeypointScore: 0.3,
  sigmas: COCO17.sigmas,
  posesIn: () => ({ others: [], trackPresent: false }),
};

describe('followPerson', () => {
  it('runs the model on the drawn box, then on the box around the previous pose, for followFrames more frames', async () => {
    const model = scriptedModel(() => 0.8);
    const found = await followPerson({ ...base, frames: framesFrom(5, 20), followFrames: 3, poseModel: model });
    expect(found.poses.map((p) => p.frameIndex)).toEqual([5, 6, 7, 8]);
    expect(found.stop).toBe('done');
    expect(model.boxes[0][1]).toMatchObject({ x: 250, y: 150, w: 120, h: 260 });
    // Frame 6's box: the frame-5 keypoints (x 320–380, y 200–392) enlarged ×1.2 around their centre.
    const [, second] = model.boxes[1];
    expect(second.x).toBeCloseTo(350 - 36, 6);
    expect(second.w).toBeCloseTo(72, 6);
    expect(second.h).toBeCloseTo(192 * 1.2, 6);
    expect(found.poses[1].pose.source).toBe('propagated');
  });

  it('stops when the person is lost (mean keypoint score below 0.1) and keeps the frames before', async () => {
    const found = await followPerson({
      ...base,
      frames: framesFrom(0, 20),
      followFrames: 10,
      poseModel: scriptedModel((i) => (i < 4 ? 0.8 : 0.05)),
    });
    expect(found.stop).toBe('lost');
    expect(found.firstScore).toBeCloseTo(0.8, 9);
    expect(found.poses.map((p) => p.frameIndex)).toEqual([0, 1, 2, 3]);
  });

  it('finds nobody in a box on empty ground, and stops where the chosen track is present or the box reached another person', async () => {
    expect(
      await followPerson({ ...base, frames: framesFrom(0, 5), followFrames: 3, poseModel: scriptedModel(() => 0.04) }),
    ).toMatchObject({ poses: [], stop: 'lost' });
    const present = await followPerson({
      ...base,
      frames: framesFrom(0, 9),
      followFrames: 8,
      poseModel: scriptedModel(() => 0.8),
      posesIn: (i) => ({ others: [], trackPresent: i >= 3 }),
    });
    expect(present.poses.map((p) => p.frameIndex)).toEqual([0, 1, 2]);
    expect(present.stop).toBe('track-present');
    const model = scriptedModel(() => 0.8);
    const copy = async (i: number) =>
      (await scriptedModel(() => 0.8).estimate({ index: i } as Frame, [base.box as Box]))[0];
    const others = new Map([[2, await copy(2)]]);
    const joined = await followPerson({
      ...base,
      frames: framesFrom(0, 9),
      followFrames: 8,
      poseModel: model,
      posesIn: (i) => ({ others: others.has(i) ? [others.get(i)!] : [], trackPresent: false }),
    });
    expect(joined).toMatchObject({ stop: 'joined-other' });
    expect(joined.poses.map((p) => p.frameIndex)).toEqual([0, 1]);
  });
});
