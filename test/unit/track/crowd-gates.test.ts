import { describe, expect, it } from 'vitest';
import { PoseTracker } from '../../../core/track/tracker';
import { stitchTracks, type StitchOptions } from '../../../core/track/stitch';
import { DEFAULT_TRACKER_OPTIONS } from '../../../core/track/options';
import { dampedSteps } from '../../../core/track/motion';
import { PICTURE_EDGE_MARGIN_FRACTION } from '../../../core/track/stitch-gates';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';
import { standingPose } from '../../helpers/simulate-tracks';
import type { FramePoses, Pose, TrackedPose } from '../../../core/types';

const HEIGHT_PX = 240;
const person = (x: number): Pose => standingPose(x, 400, HEIGHT_PX, 0.9);

describe('a lost track past the re-link window', () => {
  it('is not taken over by someone standing where a walker vanished a second ago', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    // A walker at 6 px/frame, lost after frame 19 at x 414: 30 frames later their motion has carried them ~130 px on.
    for (let f = 0; f < 20; f++) tracker.update(f, [person(300 + 6 * f)]);
    for (let f = 20; f < 50; f++) tracker.update(f, []);
    expect(tracker.update(50, [person(414)])[0].trackId).toBe(1);
  });

  it('is still found in place when the person was standing', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    for (let f = 0; f < 20; f++) tracker.update(f, [person(400 + (f % 2))]);
    for (let f = 20; f < 50; f++) tracker.update(f, []);
    expect(tracker.update(50, [person(401)])[0].trackId).toBe(0);
  });
});

const OPTIONS: StitchOptions = { ...DEFAULT_TRACKER_OPTIONS, ...TEST_TRACKER_RUN, maxGapFrames: 90 };

/** Id 1 walks right at 5 px/frame over frames 0–29; id 2 appears at frame 50 where id 1's motion predicts, walking at `laterSpeed`. */
function twoPieces(laterSpeedPxPerFrame: number): FramePoses[] {
  const predictedX = 100 + 5 * 29 + 5 * dampedSteps(21, OPTIONS.motionDampingPerFrame);
  return Array.from({ length: 80 }, (_, f) => {
    const poses: TrackedPose[] = [];
    if (f < 30) poses.push({ ...person(100 + 5 * f), trackId: 1 });
    if (f >= 50) poses.push({ ...person(predictedX + laterSpeedPxPerFrame * (f - 50)), trackId: 2 });
    return { frameIndex: f, timestampMs: (f * 1000) / 30, poses };
  });
}

describe("stitching checks both pieces' motion", () => {
  it('joins a walker who comes back going the same way', () => {
    expect(stitchTracks(twoPieces(5), OPTIONS).joins).toHaveLength(1);
  });

  it('does not join someone who appears where the walker was expected but walks the other way', () => {
    // Forward, the later piece is exactly where the earlier one's motion leads; only its own motion tells.
    expect(stitchTracks(twoPieces(-5), OPTIONS).joins).toEqual([]);
  });
});

describe('stitching someone who walked out of the picture and came back', () => {
  const PICTURE: [number, number] = [1280, 720];
  /** Id 1 walks right at 5 px/frame until its box touches the right border (frame 29); id 2 comes back in from there at frame 50, walking left. */
  function outAndBack(returnX: number): FramePoses[] {
    return Array.from({ length: 80 }, (_, f) => {
      const poses: TrackedPose[] = [];
      if (f < 30) poses.push({ ...person(1085 + 5 * f), trackId: 1 });
      if (f >= 50) poses.push({ ...person(returnX - 5 * (f - 50)), trackId: 2 });
      return { frameIndex: f, timestampMs: (f * 1000) / 30, poses };
    });
  }

  it('joins the return at the same border, though the two walk opposite ways', () => {
    const frames = outAndBack(1230);
    expect(frames[29].poses[0].box.x + frames[29].poses[0].box.w).toBeGreaterThan(
      PICTURE[0] * (1 - PICTURE_EDGE_MARGIN_FRACTION),
    );
    expect(stitchTracks(frames, { ...OPTIONS, pictureSizePx: PICTURE }).joins).toHaveLength(1);
  });

  it('does not join them without the picture size, nor when the return starts inside the picture', () => {
    expect(stitchTracks(outAndBack(1230), OPTIONS).joins).toEqual([]);
    expect(stitchTracks(twoPieces(-5), { ...OPTIONS, pictureSizePx: PICTURE }).joins).toEqual([]);
  });
});
