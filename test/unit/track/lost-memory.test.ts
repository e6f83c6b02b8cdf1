import { describe, expect, it } from 'vitest';
import { PoseTracker } from '../../../core/track/tracker';
import { standingPose } from '../../helpers/simulate-tracks';
import { appearanceSimilarity, blendAppearance, skeletonAppearance } from '../../../core/track/appearance';
import { dampedSteps, predictBox, updateMotion } from '../../../core/track/motion';
import { poseShapeSimilarity } from '../../../core/track/pose-shape';
import type { Frame, Pose } from '../../../core/types';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

const HEIGHT_PX = 240;
const person = (x: number, y = 400): Pose => standingPose(x, y, HEIGHT_PX, 0.9);

/** A 1000×700 grey frame with each person's box filled with their colour. */
function paint(people: { pose: Pose; rgb: [number, number, number] }[]): Frame {
  const width = 1000;
  const height = 700;
  const rgb = new Uint8Array(width * height * 3).fill(128);
  for (const {
    pose,
    rgb: [r, g, b],
  } of people) {
    const { x, y, w, h } = pose.box;
    for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(height, y + h); yy++) {
      for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(width, x + w); xx++)
        rgb.set([r, g, b], (yy * width + xx) * 3);
    }
  }
  return { index: 0, timestampMs: 0, width, height, rgb };
}

describe('damped motion', () => {
  it('sums the damped steps and moves and scales the box about its centre', () => {
    expect(dampedSteps(3, 1)).toBe(3);
    expect(dampedSteps(2, 0.5)).toBeCloseTo(0.5 + 0.25, 10);
    expect(dampedSteps(0, 0.9)).toBe(0);
    const box = { x: 100, y: 50, w: 40, h: 100, score: 1 };
    const still = { vxPxPerFrame: 0, vyPxPerFrame: 0, logScalePerFrame: 0 };
    // Centre (120, 100) → (130.2, 95.5) over 2 frames, height 100 → 101.
    const motion = updateMotion(still, box, { ...box, x: 110, y: 45, w: 40.4, h: 101 }, 2, 1);
    expect(motion.vxPxPerFrame).toBeCloseTo(5.1, 10);
    expect(motion.vyPxPerFrame).toBeCloseTo(-2.25, 10);
    expect(motion.logScalePerFrame).toBeCloseTo(Math.log(1.01) / 2, 10);
    // Growing 10 % in 2 frames is faster than people do: the rate is capped at 0.01 per frame.
    expect(updateMotion(still, box, { ...box, h: 110 }, 2, 1).logScalePerFrame).toBe(0.01);
    // A box cut to half the person's usual height (the edge of the picture) leaves the estimate alone.
    expect(updateMotion(motion, box, { ...box, h: 50 }, 1, 1, 100)).toBe(motion);
    const predicted = predictBox(box, { vxPxPerFrame: 10, vyPxPerFrame: 0, logScalePerFrame: Math.log(2) }, 1, 1);
    expect(predicted).toMatchObject({ x: 120 + 10 - 40, y: 0, w: 80, h: 200 });
  });
});

describe('pose shape', () => {
  it('is 1 for the same layout at another place and size, lower for another layout', () => {
    const a = standingPose(200, 300, 200).keypoints;
    const b = standingPose(700, 100, 400).keypoints;
    expect(poseShapeSimilarity(a, b, 0.2)).toBeCloseTo(1, 6);
    const raised = a.map(
      ([x, y, s], i) => (i === 9 || i === 10 ? [x, y - 150, s] : [x, y, s]) as [number, number, number],
    );
    expect(poseShapeSimilarity(a, raised, 0.2)!).toBeLessThan(0.3);
    expect(
      poseShapeSimilarity(
        a,
        a.map(([x, y]) => [x, y, 0] as [number, number, number]),
        0.2,
      ),
    ).toBeNull();
  });
});

describe('skeleton appearance', () => {
  it('tells a red-clad person from a blue-clad one and recognises the same colours elsewhere', () => {
    const redHere = person(200);
    const redThere = person(700);
    const frame = paint([
      { pose: redHere, rgb: [200, 30, 30] },
      { pose: redThere, rgb: [40, 40, 210] },
    ]);
    const red = skeletonAppearance(frame, redHere.keypoints, 0.2)!;
    const blue = skeletonAppearance(frame, redThere.keypoints, 0.2)!;
    expect(red.seen).toEqual([true, true, true, true]);
    expect(appearanceSimilarity(red, red)).toBeCloseTo(1, 5);
    expect(appearanceSimilarity(red, blue)).toBeCloseTo(0, 5);
    // A running average halfway between them is halfway similar to both (√0.5 per bin pair).
    const mixed = blendAppearance(red, blue, 0.5);
    expect(appearanceSimilarity(mixed, red)).toBeCloseTo(Math.SQRT1_2, 5);
  });
});

describe('PoseTracker lost-track memory', () => {
  /** Walks A right at 4 px/frame; hidden for `hiddenFrames`; returns A's ids before and after. */
  function hideAndReturn(hiddenFrames: number, maxAgeFrames: number, colours = true): [number, number] {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames });
    const at = (f: number) => person(150 + 4 * f);
    const bystander = person(850, 380);
    const frameOf = (poses: Pose[]) =>
      colours
        ? paint([
            { pose: poses[0], rgb: [200, 30, 30] },
            { pose: bystander, rgb: [40, 40, 210] },
          ])
        : undefined;
    let before = -1;
    for (let f = 0; f < 10; f++) before = tracker.update(f, [at(f), bystander], frameOf([at(f)]))[0].trackId;
    for (let f = 10; f < 10 + hiddenFrames; f++) tracker.update(f, [bystander], frameOf([bystander]));
    const back = 10 + hiddenFrames;
    const after = tracker.update(back, [at(back), bystander], frameOf([at(back)]))[0].trackId;
    return [before, after];
  }

  it('keeps the id of a walker hidden for 2 s at 30 fps (60 frames) when the memory lasts 3 s', () => {
    const [before, after] = hideAndReturn(60, 90);
    expect(after).toBe(before);
    // Without pixels position alone decides nothing after 2 s: a new id (stitching may join it later).
    const [b2, a2] = hideAndReturn(60, 90, false);
    expect(a2).not.toBe(b2);
  });

  it('gives a new id once the person was hidden longer than maxAgeFrames', () => {
    const [before, after] = hideAndReturn(60, 45);
    expect(after).not.toBe(before);
  });

  it('does not give a lost track to someone with other colours at the predicted place', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    for (let f = 0; f < 10; f++)
      tracker.update(f, [person(150 + 4 * f)], paint([{ pose: person(150 + 4 * f), rgb: [200, 30, 30] }]));
    for (let f = 10; f < 40; f++) tracker.update(f, []);
    const stranger = person(150 + 4 * 40);
    const [out] = tracker.update(40, [stranger], paint([{ pose: stranger, rgb: [30, 200, 30] }]));
    expect(out.trackId).toBe(1);
  });

  it('does nothing new with lostMemory off: a person back after 20 frames 200 px on gets a new id', () => {
    const run = (lostMemory: boolean) => {
      const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90, lostMemory });
      const seen = (x: number) => paint([{ pose: person(x), rgb: [200, 30, 30] }]);
      for (let f = 0; f < 10; f++) tracker.update(f, [person(150 + 10 * f)], seen(150 + 10 * f));
      for (let f = 10; f < 30; f++) tracker.update(f, []);
      return tracker.update(30, [person(150 + 10 * 30)], seen(150 + 10 * 30))[0].trackId;
    };
    expect(run(true)).toBe(0);
    expect(run(false)).toBe(1);
  });
});
