import { describe, expect, it } from 'vitest';
import { deleteTrack, splitTrack, swapTracks, trackIdsOf } from '../../../core/project/edits';
import { mergeTracksLossless as mergeTracks } from '../../../core/project/range-edits';
import { resultOf, scriptOf } from './fixtures';

// Two people: track 0 walks right from x=10, track 1 walks left from x=90; track 2 appears late.
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
    [0, 30],
    [1, 70],
  ],
  [
    [0, 40],
    [1, 60],
    [2, 5],
  ],
]);

describe('track edits', () => {
  it('lists track ids in ascending order', () => {
    expect(trackIdsOf(base)).toEqual([0, 1, 2]);
  });

  it('deletes every pose of a track and leaves the input untouched', () => {
    const edited = deleteTrack(base, 1);
    expect(scriptOf(edited)).toEqual([
      [[0, 10]],
      [[0, 20]],
      [[0, 30]],
      [
        [0, 40],
        [2, 5],
      ],
    ]);
    expect(scriptOf(base)[0]).toEqual([
      [0, 10],
      [1, 90],
    ]);
  });

  it('refuses a merge that would drop poses, naming how many frames overlap', () => {
    expect(() => mergeTracks(base, 2, 1)).toThrow(/would drop 1 pose: both tracks are present in 1 frame \(first 3\)/);
  });

  it('merges only the frames where the target is absent when asked, leaving the rest on the source', () => {
    const edited = mergeTracks(base, 2, 1, 'keep-source');
    expect(scriptOf(edited)).toEqual([
      [
        [0, 10],
        [2, 90],
      ],
      [
        [0, 20],
        [2, 80],
      ],
      [
        [0, 30],
        [2, 70],
      ],
      [
        [0, 40],
        [1, 60],
        [2, 5],
      ],
    ]);
  });

  it('merges the source into the target, dropping the source where both exist only when asked by name', () => {
    const edited = mergeTracks(base, 2, 1, 'drop-source');
    // Frames 0–2: only track 1 → becomes 2. Frame 3: both present → track 2 keeps its own pose.
    expect(scriptOf(edited)).toEqual([
      [
        [0, 10],
        [2, 90],
      ],
      [
        [0, 20],
        [2, 80],
      ],
      [
        [0, 30],
        [2, 70],
      ],
      [
        [0, 40],
        [2, 5],
      ],
    ]);
    expect(trackIdsOf(edited)).toEqual([0, 2]);
  });

  it('splits a track from a frame on into a new id', () => {
    const edited = splitTrack(base, 0, 2, 7);
    expect(scriptOf(edited)).toEqual([
      [
        [0, 10],
        [1, 90],
      ],
      [
        [0, 20],
        [1, 80],
      ],
      [
        [7, 30],
        [1, 70],
      ],
      [
        [7, 40],
        [1, 60],
        [2, 5],
      ],
    ]);
  });

  it('rejects a split at or before the first frame and after the last, naming the valid span', () => {
    expect(() => splitTrack(base, 0, 0, 7)).toThrow('spans frames 0–3, so the split frame must be in 1–3');
    expect(() => splitTrack(base, 2, 3, 7)).toThrow(/spans frames 3–3/);
    expect(() => splitTrack(base, 0, 4, 7)).toThrow(/split frame must be in 1–3/);
  });

  it('swaps two identities from a frame on (an ID switch fix)', () => {
    // The tracker switched ids at frame 2: the person at x=30 was labelled 0, should have been 1.
    const edited = swapTracks(base, 0, 1, 2);
    expect(scriptOf(edited)).toEqual([
      [
        [0, 10],
        [1, 90],
      ],
      [
        [0, 20],
        [1, 80],
      ],
      [
        [1, 30],
        [0, 70],
      ],
      [
        [1, 40],
        [0, 60],
        [2, 5],
      ],
    ]);
  });

  it('swap twice from the same frame restores the original', () => {
    expect(scriptOf(swapTracks(swapTracks(base, 0, 1, 1), 0, 1, 1))).toEqual(scriptOf(base));
  });

  it('names the missing track and refuses self-merges and self-swaps', () => {
    expect(() => deleteTrack(base, 9)).toThrow('Track 9 does not exist');
    expect(() => mergeTracks(base, 1, 1)).toThrow('Cannot merge track 1 into itself');
    expect(() => swapTracks(base, 0, 0, 1)).toThrow('Cannot swap track 0 with itself');
    expect(() => mergeTracks(base, 0, 5)).toThrow('Track 5 does not exist');
  });

  it('keeps untouched frames identical by reference (cheap undo snapshots)', () => {
    const edited = swapTracks(base, 0, 1, 3);
    expect(edited.frames[0]).toBe(base.frames[0]);
    expect(edited.frames[3]).not.toBe(base.frames[3]);
  });
});
