import type { TrackEdit } from '../api/pose-api';

/**
 * Undo/redo as a cursor into the list of edits: edits[0..cursor) are applied, the rest can be
 * redone. A new edit drops the redo tail, like every editor. Pure: returns new histories.
 */
export interface EditHistory {
  edits: TrackEdit[];
  cursor: number;
}

export const EMPTY_HISTORY: EditHistory = Object.freeze({ edits: [], cursor: 0 }) as EditHistory;

export function pushEdit(history: EditHistory, edit: TrackEdit): EditHistory {
  return { edits: [...history.edits.slice(0, history.cursor), edit], cursor: history.cursor + 1 };
}

export function canUndo(history: EditHistory): boolean {
  return history.cursor > 0;
}

export function canRedo(history: EditHistory): boolean {
  return history.cursor < history.edits.length;
}

export function undo(history: EditHistory): EditHistory {
  return canUndo(history) ? { ...history, cursor: history.cursor - 1 } : history;
}

export function redo(history: EditHistory): EditHistory {
  return canRedo(history) ? { ...history, cursor: history.cursor + 1 } : history;
}

export function appliedEdits(history: EditHistory): TrackEdit[] {
  return history.edits.slice(0, history.cursor);
}
