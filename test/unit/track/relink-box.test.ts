import { describe, expect, it } from 'vitest';
import { PoseTracker } from '../../../core/track/tracker';
import { standingPose } from '../../helpers/simulate-tracks';
import type { Pose } from '../../../core/types';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

const HEIGHT_PX = 240;
/** A pillar from x = 460 to 540 hides whoever walks behind it. */
const hidden = (x: number) => x >= 460 && x <= 540;

describe('box re-link next to an occluder', () => {
  // A walks right in one lane (x = 300 + 6f, y = 400), B left in the next lane (x = 626 − 6f,
  // y = 440). B goes behind the pillar at frame 15; A at frame 27; at frame 28 B comes out on the
  // left, 40 px below the spot where A vanished the frame before. By last boxes A's track is the
  // nearest and B's more than twice as far; by where B's motion has carried B, B's is the nearest.
  const a = (f: number): Pose => standingPose(300 + 6 * f, 400, HEIGHT_PX, 0.9);
  const b = (f: number): Pose => standingPose(626 - 6 * f, 440, HEIGHT_PX, 0.9);
  const visible = (f: number) => [a(f), b(f)].filter((pose) => !hidden(pose.box.x + pose.box.w / 2));

  it('does not give the track of someone who just went behind the pillar to a person coming out whose own track is expected there', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    const idOf = new Map<number, number>();
    for (let f = 0; f <= 28; f++) {
      for (const out of tracker.update(f, visible(f))) {
        const who = Math.abs(out.box.y + out.box.h / 2 - 400) < 1 ? 0 : 1;
        if (f < 14) idOf.set(who, out.trackId);
        if (f === 28) {
          expect(who).toBe(1);
          idOf.set(2, out.trackId);
        }
      }
    }
    expect(idOf.get(0)).toBe(0);
    expect(idOf.get(1)).toBe(1);
    // Without colours the lost-track stage cannot confirm B after 13 frames: a new id (stitching
    // may join it later), never A's.
    expect(idOf.get(2)).toBe(2);
  });

  it('still re-links by box a person who changed pose beyond OKS where they vanished, with nobody expected there', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    for (let f = 0; f < 5; f++) tracker.update(f, [a(f), standingPose(900, 440, HEIGHT_PX, 0.9)]);
    const flipped = a(7);
    flipped.keypoints = flipped.keypoints.map(([x, y, s]) => [x, 2 * 400 - y, s]);
    tracker.update(5, [standingPose(900, 440, HEIGHT_PX, 0.9)]);
    tracker.update(6, [standingPose(900, 440, HEIGHT_PX, 0.9)]);
    expect(tracker.update(7, [standingPose(900, 440, HEIGHT_PX, 0.9), flipped]).map((p) => p.trackId)).toEqual([1, 0]);
  });
});
