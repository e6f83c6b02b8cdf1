import { describe, expect, it } from 'vitest';
import { applyTrackEdit, initialState, trackMetaOf } from '../../../core/project/project-state';
import { replayEdits } from '../../../core/project/replay';
import * as history from '../../../core/project/history';
import { resultOf, scriptOf } from './fixtures';

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
]);
const colorOf = (id: number) => `#00000${id}`;

describe('project state', () => {
  it('derives track metadata with default names, colours and visibility', () => {
    expect(trackMetaOf(initialState(base), colorOf)).toEqual([
      { trackId: 0, name: 'Track 0', hidden: false, colorHex: '#000000' },
      { trackId: 1, name: 'Track 1', hidden: false, colorHex: '#000001' },
    ]);
  });

  it('renames and hides; labels follow the id through a swap', () => {
    let state = applyTrackEdit(initialState(base), { kind: 'rename', trackId: 1, name: '  Alice ' });
    state = applyTrackEdit(state, { kind: 'setHidden', trackId: 1, hidden: true });
    state = applyTrackEdit(state, { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 1 });
    expect(trackMetaOf(state, colorOf)[1]).toEqual({ trackId: 1, name: 'Alice', hidden: true, colorHex: '#000001' });
    expect(scriptOf(state.result)[1]).toEqual([
      [1, 20],
      [0, 80],
    ]);
  });

  it('gives split-off tracks an id never used before, even after a delete', () => {
    let state = applyTrackEdit(initialState(base), { kind: 'delete', trackId: 1 });
    state = applyTrackEdit(state, { kind: 'split', trackId: 0, frameIndex: 1 });
    // Track 1 was deleted; the new track must not reuse its id (old exports/labels mention it).
    expect(trackMetaOf(state, colorOf).map((t) => t.trackId)).toEqual([0, 2]);
  });

  it('drops the label of a merged-away or deleted track', () => {
    let state = applyTrackEdit(initialState(base), { kind: 'rename', trackId: 1, name: 'Bob' });
    state = applyTrackEdit(state, { kind: 'merge', targetId: 0, sourceId: 1, overlap: 'drop-source' });
    expect(state.labels[1]).toBeUndefined();
    expect(trackMetaOf(state, colorOf)).toHaveLength(1);
  });

  it('undo/redo by replaying a prefix of the edit list reproduces each intermediate state', () => {
    const edits = [
      { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 2 },
      { kind: 'rename', trackId: 0, name: 'Left' },
      { kind: 'merge', targetId: 0, sourceId: 1, overlap: 'drop-source' },
    ] as const;
    let h = history.EMPTY_HISTORY;
    for (const edit of edits) h = history.pushEdit(h, edit);
    h = history.undo(history.undo(h));
    expect(history.canRedo(h)).toBe(true);
    expect(scriptOf(replayEdits(base, history.appliedEdits(h)).result)).toEqual([
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
    ]);
    // A new edit after undo drops the redo tail.
    h = history.pushEdit(h, { kind: 'delete', trackId: 1 });
    expect(history.canRedo(h)).toBe(false);
    expect(h.edits).toHaveLength(2);
    expect(scriptOf(replayEdits(base, history.appliedEdits(h)).result)).toEqual([[[0, 10]], [[0, 20]], [[0, 70]]]);
  });

  it('undo at the start and redo at the end change nothing', () => {
    expect(history.undo(history.EMPTY_HISTORY)).toBe(history.EMPTY_HISTORY);
    const h = history.pushEdit(history.EMPTY_HISTORY, { kind: 'delete', trackId: 0 });
    expect(history.redo(h)).toBe(h);
  });
});
