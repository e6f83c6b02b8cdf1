/**
 * A walker passing behind a static occluder, scripted as a detector and pose model see it: the box
 * shrinks against the occluder's edge (its centre moving at half the walker's speed, then
 * jumping), the joints behind it are guessed on its edge, the re-ID embedding drifts towards the
 * occluder's as less of the person shows, and on the far side the same happens in reverse.
 */
import { describe, expect, it } from 'vitest';
import { PoseTracker } from '../../../core/track/tracker';
import { predictedWholeBox } from '../../../core/track/track-state';
import { stitchTracks } from '../../../core/track/stitch';
import type { FramePoses, Keypoint, Pose } from '../../../core/types';
import { standingPose } from '../../helpers/simulate-tracks';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

/** The occluder covers x in [LEFT, RIGHT) over the whole height of the picture. */
const LEFT = 150;
const RIGHT = 360;
const HEIGHT_PX = 110;
const SPEED_PX_PER_FRAME = -3;
const START_X = 429;
/** A box narrower than this is not detected at all. */
const MIN_VISIBLE_PX = 3;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}
const PERSON = unit([1, 0.2, 0, 0]);
const OCCLUDER = unit([0, 0, 1, 0.3]);

const cosineToPerson = (embedding: Float32Array) => embedding.reduce((s, v, i) => s + v * PERSON[i], 0);

/** The true centre of the walker in frame f. */
const centreX = (f: number) => START_X + SPEED_PX_PER_FRAME * f;

/** What a detector and pose model hand the tracker in frame f, with the re-ID embedding; null when nothing shows. */
function observed(f: number): { pose: Pose; embedding: Float32Array } | null {
  const whole = standingPose(centreX(f), 200, HEIGHT_PX, 0.9, f * 0.3);
  const { x, w } = whole.box;
  // The visible part of the box: left of the occluder or right of it.
  const [from, to] = x + w / 2 >= (LEFT + RIGHT) / 2 ? [Math.max(x, RIGHT), x + w] : [x, Math.min(x + w, LEFT)];
  const visibleW = to - from;
  if (visibleW < MIN_VISIBLE_PX) return null;
  const edge = from === RIGHT ? RIGHT : LEFT;
  // Joints behind the occluder are guessed on its edge, a little less confidently.
  const keypoints = whole.keypoints.map(
    ([kx, ky, s]): Keypoint => (kx >= LEFT && kx < RIGHT ? [edge, ky, s * 0.7] : [kx, ky, s]),
  );
  const shown = visibleW / w;
  const embedding = unit(Array.from(PERSON, (v, i) => shown * v + (1 - shown) * OCCLUDER[i]));
  return { pose: { ...whole, keypoints, box: { ...whole.box, x: from, w: visibleW } }, embedding };
}

function run(frameCount: number) {
  const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
  const frames: FramePoses[] = [];
  const snapshots = new Map<number, ReturnType<typeof tracker.liveTracks.at>>();
  for (let f = 0; f < frameCount; f++) {
    const seen = observed(f);
    const tracked = tracker.update(f, seen ? [seen.pose] : [], undefined, seen ? [seen.embedding] : []);
    frames.push({ frameIndex: f, timestampMs: (f * 1000) / 30, poses: tracked });
    snapshots.set(f, tracker.liveTracks.at(0));
  }
  // As a run does: pieces still split after the tracker are stitched (see stitchRun).
  const stitched = stitchTracks(frames, {
    ...tracker.options,
    maxGapFrames: 90,
    appearanceOf: (id) => tracker.appearanceOf(id),
  });
  const ids = stitched.frames.flatMap((frame) => frame.poses.map((p) => ({ frame: frame.frameIndex, id: p.trackId })));
  return { tracker, ids, snapshots };
}

// The walker's box starts to shrink at frame 15 (its left edge passes x = 360), shows last at
// frame 30, shows again at frame 86 on the far side (1.8 s unseen at 30 fps) and whole from 102.
const FIRST_CUT = 15;
const LAST_SEEN = 30;
const FIRST_BACK = 86;
const BACK_WHOLE = 102;

describe('a walker behind a static occluder', () => {
  it('is scripted as intended: cut from frame 15, unseen 31–85, whole again from 102', () => {
    expect(observed(FIRST_CUT - 1)!.pose.box.w).toBeCloseTo(0.45 * HEIGHT_PX);
    expect(observed(FIRST_CUT)!.pose.box.w).toBeLessThan(0.45 * HEIGHT_PX);
    expect(observed(LAST_SEEN)).not.toBeNull();
    expect(observed(LAST_SEEN + 1)).toBeNull();
    expect(observed(FIRST_BACK - 1)).toBeNull();
    expect(observed(FIRST_BACK)).not.toBeNull();
    expect(observed(BACK_WHOLE - 1)!.pose.box.w).toBeLessThan(0.45 * HEIGHT_PX);
    expect(observed(BACK_WHOLE)!.pose.box.w).toBeCloseTo(0.45 * HEIGHT_PX);
  });

  it('keeps predicting from the last whole box at the walking speed, and its appearance, not from the views cut by the edge', () => {
    const { tracker, snapshots } = run(LAST_SEEN + 21);
    const track = snapshots.get(LAST_SEEN + 20)!;
    expect(track.state).toBe('lost');
    // The cut boxes' centres moved at about half the speed, then stood at the edge.
    expect(track.motion.vxPxPerFrame).toBeCloseTo(SPEED_PX_PER_FRAME, 0);
    expect(track.whole.frameIndex).toBeLessThan(LAST_SEEN);
    const predicted = predictedWholeBox(track, LAST_SEEN + 20, 1);
    // Undamped, the prediction is within 15 px of where the walker truly is (the last cut box,
    // a 4 px sliver at the edge, is 83 px behind them), at the whole box's size.
    expect(Math.abs(predicted.x + predicted.w / 2 - centreX(LAST_SEEN + 20))).toBeLessThan(15);
    expect(predicted.w).toBeGreaterThan(0.8 * 0.45 * HEIGHT_PX);
    // The embeddings of the cut views drift to the occluder's; the track's stays the walker's.
    expect(cosineToPerson(tracker.appearanceOf(0)!.embedding!)).toBeGreaterThan(0.99);
  });

  it('keeps one id through the occluder (after stitching, as a run does)', () => {
    const { ids } = run(BACK_WHOLE + 20);
    expect(new Set(ids.map((r) => r.id))).toEqual(new Set([0]));
    expect(ids.filter((r) => r.frame >= FIRST_BACK)).toHaveLength(BACK_WHOLE + 20 - FIRST_BACK);
  });
});
