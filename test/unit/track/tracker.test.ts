import { describe, expect, it } from 'vitest';
import { PoseTracker } from '../../../core/track/tracker';
import { generateScenario, standingPose } from '../../helpers/simulate-tracks';
import { scoreScenario } from '../../helpers/score-scenario';
import type { Pose } from '../../../core/types';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

const HEIGHT_PX = 240;
/** A person of the test's usual size at (x, 400). */
const person = (x: number, y = 400, score = 0.9): Pose => standingPose(x, y, HEIGHT_PX, score);

describe('PoseTracker', () => {
  it('gives ids from 0 and keeps them while people stand still; results keep input order', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    expect(tracker.update(0, [person(200), person(800)]).map((p) => p.trackId)).toEqual([0, 1]);
    // Same people, listed in the other order.
    expect(tracker.update(1, [person(802), person(201)]).map((p) => p.trackId)).toEqual([1, 0]);
    expect(tracker.liveTracks.map((t) => [t.id, t.state, t.hits])).toEqual([
      [0, 'active', 2],
      [1, 'active', 2],
    ]);
  });

  it('keeps ids when two people cross paths', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    // A walks right from x=330, B walks left from x=670, 20 px per frame. At frame 8 A is at 490
    // and B at 510; at frame 9 A is at 510 and B at 490: each new pose is nearer the *other*
    // person's last pose, so only the motion prediction tells them apart.
    const ids: [number, number][] = [];
    for (let f = 0; f <= 16; f++) {
      const a = person(330 + 20 * f, 400);
      const b = person(670 - 20 * f, 405);
      const out = tracker.update(f, [a, b]);
      ids.push([out[0].trackId, out[1].trackId]);
    }
    // Person B crosses A between frames 8 and 9; A keeps id 0 and B keeps id 1 throughout.
    expect(ids).toEqual(Array.from({ length: 17 }, () => [0, 1]));
  });

  it('keeps the id of a person missing for 3 frames (re-link window) while walking', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    for (let f = 0; f < 5; f++) expect(tracker.update(f, [person(100 + 15 * f)])[0].trackId).toBe(0);
    // Frames 5, 6, 7: occluded, nobody detected.
    for (let f = 5; f < 8; f++) {
      expect(tracker.update(f, [])).toEqual([]);
      expect(tracker.liveTracks.map((t) => t.state)).toEqual(['lost']);
    }
    // Frame 8: back, 45 px further on than when last seen (motion prediction brings it back).
    expect(tracker.update(8, [person(100 + 15 * 8)])[0].trackId).toBe(0);
    expect(tracker.liveTracks[0].state).toBe('active');
  });

  it('gives a new id to a new person entering far away after the first one left', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    for (let f = 0; f < 5; f++) tracker.update(f, [person(150)]);
    for (let f = 5; f < 8; f++) tracker.update(f, []);
    // Someone else appears on the other side of the image.
    expect(tracker.update(8, [person(1100)])[0].trackId).toBe(1);
    expect(tracker.liveTracks.map((t) => [t.id, t.state])).toEqual([
      [0, 'lost'],
      [1, 'active'],
    ]);
  });

  it('ends tracks unseen for more than maxAgeFrames and never reuses their ids', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 5, relinkMaxFrames: 2 });
    tracker.update(0, [person(400)]);
    // Unseen in frames 1..5: five frames, still within maxAgeFrames.
    for (let f = 1; f <= 5; f++) tracker.update(f, []);
    expect(tracker.liveTracks.map((t) => [t.id, t.state])).toEqual([[0, 'lost']]);
    // Frame 6 would be the sixth unseen frame: the track ends.
    tracker.update(6, []);
    expect(tracker.liveTracks).toEqual([]);
    // The same spot again: a new track, id 1.
    expect(tracker.update(7, [person(400)])[0].trackId).toBe(1);
  });

  it('after the re-link window, re-links a lost track only at the strict threshold, without prediction', () => {
    const tracker = new PoseTracker({ ...TEST_TRACKER_RUN, relinkMaxFrames: 2, maxAgeFrames: 20 });
    for (let f = 0; f < 4; f++) tracker.update(f, [person(300 + 10 * f)]);
    for (let f = 4; f < 14; f++) tracker.update(f, []);
    // Reappears where last seen (x=330), not 100 px further as the velocity would predict.
    expect(tracker.update(14, [person(330)])[0].trackId).toBe(0);
  });

  it('handles empty frames from the start', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    expect(tracker.update(0, [])).toEqual([]);
    expect(tracker.update(1, [])).toEqual([]);
    expect(tracker.liveTracks).toEqual([]);
    expect(tracker.update(2, [person(10)])[0].trackId).toBe(0);
  });

  it('gives 50 people in one frame 50 distinct ids and keeps them in the next frame', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    // A 10 × 5 grid, 150 px apart: 50 people who do not overlap.
    const crowd = (dx: number) =>
      Array.from({ length: 50 }, (_, i) =>
        standingPose(100 + (i % 10) * 150 + dx, 150 + Math.floor(i / 10) * 300, 120),
      );
    const first = tracker.update(0, crowd(0)).map((p) => p.trackId);
    expect(new Set(first).size).toBe(50);
    expect(first).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(tracker.update(1, crowd(3)).map((p) => p.trackId)).toEqual(first);
  });

  it('rejects frame indices that do not increase, and invalid options, with the value in the message', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    tracker.update(5, []);
    expect(() => tracker.update(5, [])).toThrow(/frame index 5 must be an integer greater than the previous one \(5\)/);
    expect(() => new PoseTracker({ ...TEST_TRACKER_RUN, minOks: 1.5 })).toThrow(/minOks=1.5/);
    expect(() => new PoseTracker({ ...TEST_TRACKER_RUN, relinkMaxFrames: 40, maxAgeFrames: 30 })).toThrow(
      /relinkMaxFrames \(40\) exceeds maxAgeFrames \(30\)/,
    );
  });

  it('wraps ids around below maxTrackIds, skipping live ones, and fails when every id is live', () => {
    const tracker = new PoseTracker({
      ...TEST_TRACKER_RUN,
      maxTrackIds: 3,
      maxAgeFrames: 0,
      relinkMaxFrames: 0,
      lostMemory: false,
    });
    const ids = (frameIndex: number, xs: number[]) =>
      tracker
        .update(
          frameIndex,
          xs.map((x) => person(x)),
        )
        .map((p) => p.trackId);
    expect(ids(0, [200, 800])).toEqual([0, 1]);
    // The person at 800 leaves and ends; a newcomer takes the last id below the bound.
    expect(ids(1, [200, 1400])).toEqual([0, 2]);
    // The next newcomer wraps around past the live id 0 to the free id 1.
    expect(ids(2, [200, 1400, 2000])).toEqual([0, 2, 1]);
    expect(() => ids(3, [200, 1400, 2000, 2600])).toThrow(
      'PoseTracker: 3 tracks are live at once; no track id is free.',
    );
    expect(() => new PoseTracker({ ...TEST_TRACKER_RUN, maxTrackIds: 0 })).toThrow(/maxTrackIds=0/);
    expect(() => new PoseTracker({ ...TEST_TRACKER_RUN, maxTrackIds: 2.5 })).toThrow(/maxTrackIds=2.5/);
  });

  it('keeps per-instance ids: a second tracker starts from 0 again', () => {
    new PoseTracker(TEST_TRACKER_RUN).update(0, [person(100), person(600)]);
    expect(new PoseTracker(TEST_TRACKER_RUN).update(0, [person(100)])[0].trackId).toBe(0);
  });

  it('leaves out weak poses that match no track, but lets them continue one', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    // A body part or background texture: mean keypoint score 0.15, nobody tracked near it.
    expect(tracker.update(0, [person(200), person(900, 400, 0.15)]).map((p) => p.trackId)).toEqual([0]);
    expect(tracker.liveTracks).toHaveLength(1);
    // The person's own pose turns weak (glare): it still continues their track.
    expect(tracker.update(1, [person(204, 400, 0.15)]).map((p) => p.trackId)).toEqual([0]);
  });

  it('gives a track to the confident pose before a weak one lingering nearby', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    tracker.update(0, [person(400)]);
    // A weak pose where the person was (a coasting box) and the person, confident, 30 px on.
    const out = tracker.update(1, [person(400, 400, 0.15), person(430)]);
    expect(out.map((p) => [Math.round(p.box.x + p.box.w / 2), p.trackId])).toEqual([[430, 0]]);
  });

  it('re-links by box position a person whose pose changed beyond OKS (a flip), where nobody else is near', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    for (let f = 0; f < 3; f++) tracker.update(f, [person(300), person(1200)]);
    // Upside down, 60 px further, after 2 missed frames: no keypoint is where OKS expects it.
    const flipped = person(360);
    flipped.keypoints = flipped.keypoints.map(([x, y, s]) => [x, 2 * 400 - y, s]);
    tracker.update(3, [person(1200)]);
    tracker.update(4, [person(1200)]);
    expect(tracker.update(5, [person(1200), flipped]).map((p) => p.trackId)).toEqual([1, 0]);
  });

  it('does not re-link by box position when another person is about as near', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    for (let f = 0; f < 3; f++) tracker.update(f, [person(300), person(520)]);
    const flipped = person(410);
    flipped.keypoints = flipped.keypoints.map(([x, y, s]) => [x, 2 * 400 - y, s]);
    // Between the two tracks: position cannot say who this is, so it gets a new id.
    expect(tracker.update(3, [person(520), flipped]).map((p) => p.trackId)).toEqual([1, 2]);
  });

  it('keeps the id of a person cut by the image edge, whose box shrinks while the joints barely move', () => {
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    const atEdge = (x: number, keptWidth: number): Pose => {
      const pose = person(x, 400, 0.9);
      // The box loses its left part (cut by the edge); the joints inside move 3 px per frame.
      return { ...pose, box: { ...pose.box, x: pose.box.x + pose.box.w - keptWidth, w: keptWidth } };
    };
    const widths = [108, 108, 80, 50, 30, 80, 20];
    const ids = widths.map((w, f) => tracker.update(f, [atEdge(60 - 3 * f, w)])[0].trackId);
    expect(ids).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('holds a MOTA floor on the generated crossing-paths scenario', () => {
    // Seeded: 8 walkers on crossing paths, 1% keypoint noise, 3% dropped detections, occlusions,
    // 0.3 false positives per frame. MOTA measured 89.6 with 0 id switches when written.
    const frames = generateScenario({ seed: 1 });
    const tracker = new PoseTracker(TEST_TRACKER_RUN);
    const score = scoreScenario(
      frames,
      frames.map((f) => tracker.update(f.frameIndex, f.detections)),
    );
    expect(score.mota).toBeGreaterThan(85);
    expect(score.switches).toBeLessThanOrEqual(2);
  });
});
