import { describe, expect, it } from 'vitest';
import { applyTrackEdit, initialState } from '../../../core/project/project-state';
import { replayEdits } from '../../../core/project/replay';
import { liveJoins } from '../../../core/export/pieces';
import type { TrackJoin, TrackingResult } from '../../../core/types';
import { resultOf, scriptOf } from './fixtures';

const join = (trackId: number, pieceId: number, endFrame: number, startFrame: number): TrackJoin => ({
  trackId,
  pieceId,
  endFrame,
  startFrame,
  gapFrames: startFrame - endFrame - 1,
  distance: 0.3,
  appearance: 0.9,
  cost: 0.2,
});

/**
 * Track 0 seen in frames 0–1, 3–4 and 6 (pieces 0, 5 and 7 joined by stitching); track 1 all along.
 */
function stitched(): TrackingResult {
  const result = resultOf([
    [
      [0, 10],
      [1, 90],
    ],
    [
      [0, 11],
      [1, 89],
    ],
    [[1, 88]],
    [
      [0, 13],
      [1, 87],
    ],
    [
      [0, 14],
      [1, 86],
    ],
    [[1, 85]],
    [
      [0, 16],
      [1, 84],
    ],
  ]);
  return { ...result, joins: [join(0, 5, 1, 3), join(0, 7, 4, 6)] };
}

describe('stitching joins in the project', () => {
  it('"Split here" gives the later pieces back their own ids; undo restores the join', () => {
    const base = stitched();
    const split = applyTrackEdit(initialState(base), { kind: 'unjoin', trackId: 0, frameIndex: 3 });
    expect(scriptOf(split.result).map((f) => f.map(([id]) => id))).toEqual([
      [0, 1],
      [0, 1],
      [1],
      [5, 1],
      [5, 1],
      [1],
      [5, 1],
    ]);
    // The second join now joins piece 7 to the restored piece 5.
    expect(liveJoins(split.result)).toEqual([join(5, 7, 4, 6)]);
    const again = applyTrackEdit(split, { kind: 'unjoin', trackId: 5, frameIndex: 6 });
    expect(scriptOf(again.result)[6].map(([id]) => id)).toEqual([7, 1]);
    expect(liveJoins(again.result)).toEqual([]);
    // Undo = replaying the edits before it from the base.
    expect(replayEdits(base, []).result.joins).toEqual(base.joins);
    expect(liveJoins(replayEdits(base, [{ kind: 'unjoin', trackId: 0, frameIndex: 3 }]).result)).toHaveLength(1);
  });

  it('uses a fresh id when the piece id is taken, never one a later split would reuse', () => {
    const base = stitched();
    let state = applyTrackEdit(initialState(base), { kind: 'split', trackId: 1, frameIndex: 2 });
    // Ids 5 and 7 are held back for the joins: the split gets 8.
    expect(state.maxTrackId).toBe(8);
    state = applyTrackEdit(
      initialState({
        ...base,
        frames: base.frames.map((f) => ({
          ...f,
          poses: f.poses.map((p) => (p.trackId === 1 ? { ...p, trackId: 5 } : p)),
        })),
      }),
      {
        kind: 'unjoin',
        trackId: 0,
        frameIndex: 3,
      },
    );
    expect(scriptOf(state.result)[3].map(([id]) => id)).toEqual([8, 5]);
  });

  it('keeps joins in step with splits and merges, and drops those an edit broke', () => {
    const base = stitched();
    // A split inside the first gap breaks that join; the second moves with the split-off track.
    const split = applyTrackEdit(initialState(base), { kind: 'split', trackId: 0, frameIndex: 2 });
    expect(liveJoins(split.result)).toEqual([join(8, 7, 4, 6)]);
    const merged = applyTrackEdit(split, { kind: 'merge', targetId: 0, sourceId: 8 });
    // Merged back, both gaps are bridged by track 0 again.
    expect(liveJoins(merged.result)).toEqual([join(0, 5, 1, 3), join(0, 7, 4, 6)]);
    const deleted = applyTrackEdit(initialState(base), { kind: 'delete', trackId: 0 });
    expect(liveJoins(deleted.result)).toEqual([]);
  });

  it('refuses to split a join that is not there, naming track and frame', () => {
    expect(() => applyTrackEdit(initialState(stitched()), { kind: 'unjoin', trackId: 0, frameIndex: 4 })).toThrow(
      'Track 0 has no join at frame 4 to split.',
    );
  });
});
