import { describe, expect, it } from 'vitest';
import {
  deleteTrackInSpan,
  givePose,
  overlapFrames,
  reassignTrackInSpan,
  swapTracksInSpan,
} from '../../../core/project/range-edits';
import { editKeypoint, keypointVisibility } from '../../../core/project/keypoint-edits';
import { applyTrackEdit, initialState } from '../../../core/project/project-state';
import { replayEdits } from '../../../core/project/replay';
import { KEYPOINT_FLAG } from '../../../core/types';
import { resultOf, scriptOf } from './fixtures';

// Tracks 0 and 1 were switched by the tracker on frames 2–3 only (it switched back at frame 4).
const base = resultOf([
  [
    [0, 10],
    [1, 90],
  ],
  [
    [0, 20],
    [1, 80],
  ],
  [
    [0, 70],
    [1, 30],
  ],
  [
    [0, 60],
    [1, 40],
  ],
  [
    [0, 50],
    [1, 50],
    [2, 5],
  ],
  [
    [0, 60],
    [1, 40],
    [2, 6],
  ],
]);

describe('range edits', () => {
  it('swaps two identities on a frame range only', () => {
    const edited = swapTracksInSpan(base, 0, 1, { fromFrameIndex: 2, toFrameIndex: 3 });
    expect(scriptOf(edited).slice(0, 4)).toEqual([
      [
        [0, 10],
        [1, 90],
      ],
      [
        [0, 20],
        [1, 80],
      ],
      [
        [1, 70],
        [0, 30],
      ],
      [
        [1, 60],
        [0, 40],
      ],
    ]);
    expect(scriptOf(edited).slice(4)).toEqual(scriptOf(base).slice(4));
    expect(edited.frames[0]).toBe(base.frames[0]);
  });

  it('deletes one track on a range and nothing else', () => {
    const edited = deleteTrackInSpan(base, 2, { fromFrameIndex: 5, toFrameIndex: 5 });
    expect(scriptOf(edited)[4]).toEqual([
      [0, 50],
      [1, 50],
      [2, 5],
    ]);
    expect(scriptOf(edited)[5]).toEqual([
      [0, 60],
      [1, 40],
    ]);
  });

  it('reassigns a range to a new id, and refuses a target that is present there', () => {
    const edited = reassignTrackInSpan(base, 1, 9, { fromFrameIndex: 4, toFrameIndex: 5 });
    expect(scriptOf(edited)[4]).toEqual([
      [0, 50],
      [9, 50],
      [2, 5],
    ]);
    expect(() => reassignTrackInSpan(base, 1, 2, { fromFrameIndex: 3, toFrameIndex: 5 })).toThrow(
      /would drop 2 poses: both tracks are present in 2 frames \(first 4\)/,
    );
    expect(scriptOf(reassignTrackInSpan(base, 1, 2, { fromFrameIndex: 0, toFrameIndex: 3 }))[0]).toEqual([
      [0, 10],
      [2, 90],
    ]);
  });

  it('names an empty range', () => {
    expect(() => swapTracksInSpan(base, 0, 1, { fromFrameIndex: 3, toFrameIndex: 2 })).toThrow(
      'Frame range 3–2 is empty',
    );
  });

  it('gives a pose to another track in one frame, exchanging with the pose it had', () => {
    expect(scriptOf(givePose(base, 4, 2, 7))[4]).toEqual([
      [0, 50],
      [1, 50],
      [7, 5],
    ]);
    expect(scriptOf(givePose(base, 4, 2, 0))[4]).toEqual([
      [2, 50],
      [1, 50],
      [0, 5],
    ]);
    expect(() => givePose(base, 0, 2, 0)).toThrow('Track 2 has no pose in frame 0');
  });

  it('counts overlapping frames', () => {
    expect(overlapFrames(base, 0, 2)).toEqual([4, 5]);
    expect(overlapFrames(base, 0, 2, { fromFrameIndex: 0, toFrameIndex: 4 })).toEqual([4]);
  });
});

describe('keypoint edits', () => {
  it('moves a keypoint, flags it edited and touches no other keypoint or pose', () => {
    const edited = editKeypoint(base, { trackId: 1, frameIndex: 2, keypointIndex: 9, x: 33.5, y: 120 });
    const pose = edited.frames[2].poses.find((p) => p.trackId === 1)!;
    expect(pose.keypoints[9]).toEqual([33.5, 120, 0.9]);
    expect(pose.keypointFlags![9]).toBe(KEYPOINT_FLAG.edited);
    expect(pose.keypointFlags!.filter((f) => f !== 0)).toHaveLength(1);
    expect(edited.frames[2].poses.find((p) => p.trackId === 0)).toBe(base.frames[2].poses.find((p) => p.trackId === 0));
    expect(base.frames[2].poses[1].keypoints[9]).toEqual([30, 100, 0.9]);
  });

  it("grows the person's box to hold a keypoint dragged outside it, and keeps it for one dragged inside", () => {
    // Track 1's box on frame 2 is x 20–40, y 80–120.
    const outside = editKeypoint(base, { trackId: 1, frameIndex: 2, keypointIndex: 15, x: 70, y: 150 });
    const box = outside.frames[2].poses.find((p) => p.trackId === 1)!.box;
    expect(box).toEqual({ x: 20, y: 80, w: 52, h: 72, score: 0.95 });
    const inside = editKeypoint(base, { trackId: 1, frameIndex: 2, keypointIndex: 15, x: 35, y: 110 });
    expect(inside.frames[2].poses.find((p) => p.trackId === 1)!.box).toEqual(
      base.frames[2].poses.find((p) => p.trackId === 1)!.box,
    );
  });

  it('toggles visible / occluded / absent, keeping the position', () => {
    const occluded = editKeypoint(base, { trackId: 0, frameIndex: 0, keypointIndex: 3, visibility: 'occluded' });
    const kp = occluded.frames[0].poses[0];
    expect(keypointVisibility(kp.keypoints[3], kp.keypointFlags![3])).toBe('occluded');
    const absent = editKeypoint(occluded, { trackId: 0, frameIndex: 0, keypointIndex: 3, visibility: 'absent' });
    expect(absent.frames[0].poses[0].keypoints[3]).toEqual([10, 100, 0]);
    const visible = editKeypoint(absent, { trackId: 0, frameIndex: 0, keypointIndex: 3, visibility: 'visible' });
    expect(visible.frames[0].poses[0].keypoints[3]).toEqual([10, 100, 1]);
    expect(
      keypointVisibility(visible.frames[0].poses[0].keypoints[3], visible.frames[0].poses[0].keypointFlags![3]),
    ).toBe('visible');
  });

  it('names a pose or keypoint that is not there', () => {
    expect(() => editKeypoint(base, { trackId: 2, frameIndex: 0, keypointIndex: 0, x: 1 })).toThrow(
      'Track 2 has no pose in frame 0',
    );
    expect(() => editKeypoint(base, { trackId: 0, frameIndex: 0, keypointIndex: 17, x: 1 })).toThrow(
      /out of range: poses have 17 keypoints/,
    );
  });
});

describe('review edits in the project state', () => {
  it('marks problems reviewed and unreviewed, and undo (replay without the edit) forgets them', () => {
    let state = applyTrackEdit(initialState(base), { kind: 'review', problemId: 'likely-swap@2:0-1', reviewed: true });
    state = applyTrackEdit(state, { kind: 'review', problemId: 'weak-match@4:2', reviewed: true });
    expect(state.reviewed).toEqual(['likely-swap@2:0-1', 'weak-match@4:2']);
    state = applyTrackEdit(state, { kind: 'review', problemId: 'likely-swap@2:0-1', reviewed: false });
    expect(state.reviewed).toEqual(['weak-match@4:2']);
    expect(replayEdits(base, []).reviewed).toEqual([]);
  });

  it('stores filter settings and rejects bad ones by field', () => {
    const filters = { ...initialState(base).filters, smooth: 'savgol' as const, savgolWindowFrames: 5 };
    expect(applyTrackEdit(initialState(base), { kind: 'setFilters', filters }).filters.savgolWindowFrames).toBe(5);
    expect(() =>
      applyTrackEdit(initialState(base), { kind: 'setFilters', filters: { ...filters, savgolOrder: 5 } }),
    ).toThrow(/order must be a whole number below the window \(5\)/);
  });

  it('keeps a merged source track label when poses stay on it, and hands a range to a fresh id', () => {
    let state = applyTrackEdit(initialState(base), { kind: 'rename', trackId: 2, name: 'Child' });
    state = applyTrackEdit(state, { kind: 'merge', targetId: 0, sourceId: 2, overlap: 'keep-source' });
    expect(state.labels[2]?.name).toBe('Child');
    state = applyTrackEdit(state, { kind: 'reassignRange', trackId: 1, fromFrameIndex: 0, toFrameIndex: 1 });
    expect(scriptOf(state.result)[0]).toEqual([
      [0, 10],
      [3, 90],
    ]);
    expect(state.maxTrackId).toBe(3);
  });

  it('refuses a lossy merge unless asked by name', () => {
    expect(() => applyTrackEdit(initialState(base), { kind: 'merge', targetId: 0, sourceId: 1 })).toThrow(
      /would drop 6 poses/,
    );
  });
});
