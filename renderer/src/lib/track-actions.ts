import type { TrackEdit } from '../../../core/api/pose-api';
import type { AppStore } from './app.svelte';
import { toasts } from './toasts.svelte';

/**
 * The track edits the panel buttons, the keyboard and the desktop menu share. Each returns false
 * when the selection does not fit (so the key falls through) and explains why in a toast; each
 * edit that applies confirms with a toast whose Undo button takes it back.
 */
export function trackActions(app: AppStore) {
  const need = (count: number, what: string): boolean => {
    if (!app.project) return false;
    if (app.selected.length === count) return true;
    toasts.info(`Select ${count === 1 ? 'one track' : `${count} tracks`} to ${what}`, count === 2 ? 'Click the first track, then Ctrl+Click the second.' : undefined);
    return false;
  };
  /** Applies the edits in order; on success a toast says what happened, with Undo. */
  const applyWithUndo = async (edits: TrackEdit[], done: string): Promise<boolean> => {
    const before = app.project?.revision;
    for (const edit of edits) await app.edit(edit);
    if (app.project?.revision === before) return false;
    toasts.success(done, undefined, { label: 'Undo', run: () => void undoTimes(app, edits.length) });
    return true;
  };
  return {
    canMerge: () => app.selected.length === 2,
    canSwap: () => app.selected.length === 2,
    canSplit: () => splitBlocker(app) === null,
    /** Why Split cannot apply now, in words for its tooltip; null when it can. */
    splitBlocker: () => splitBlocker(app),
    toggleHidden(): boolean {
      if (!app.project || app.selected.length === 0) return false;
      for (const trackId of app.selected) void app.edit({ kind: 'setHidden', trackId, hidden: !app.hidden.has(trackId) });
      return true;
    },
    remove(): boolean {
      if (!app.project || app.selected.length === 0) return false;
      const ids = [...app.selected];
      void applyWithUndo(ids.map((trackId) => ({ kind: 'delete', trackId })), `Deleted ${ids.map(app.nameOf).join(', ')}`);
      return true;
    },
    merge(): boolean {
      if (!need(2, 'merge')) return false;
      const [targetId, sourceId] = app.selected;
      app.review.requestMerge(targetId, sourceId);
      return true;
    },
    split(): boolean {
      if (!need(1, 'split')) return false;
      const blocker = splitBlocker(app);
      if (blocker) return toasts.info('Cannot split here', blocker), false;
      const trackId = app.selected[0];
      void applyWithUndo([{ kind: 'split', trackId, frameIndex: app.frameIndex }], `Split ${app.nameOf(trackId)} at frame ${app.frameIndex}`);
      return true;
    },
    swap(): boolean {
      if (!need(2, 'swap')) return false;
      const [trackIdA, trackIdB] = app.selected;
      const range = app.review.range;
      const text = range
        ? `Swapped ${app.nameOf(trackIdA)} and ${app.nameOf(trackIdB)} in frames ${range.from}–${range.to}`
        : `Swapped ${app.nameOf(trackIdA)} and ${app.nameOf(trackIdB)} from frame ${app.frameIndex} on`;
      const edit: TrackEdit = range ? { kind: 'swap', trackIdA, trackIdB, frameIndex: range.from, toFrameIndex: range.to } : { kind: 'swap', trackIdA, trackIdB, frameIndex: app.frameIndex };
      void applyWithUndo([edit], text);
      return true;
    },
    beginRename(): boolean {
      if (app.selected.length !== 1) return false;
      window.dispatchEvent(new CustomEvent('posetrail-rename', { detail: app.selected[0] }));
      return true;
    },
  };
}

/** "Frame 220 is outside Woman (#1)'s frames (37–211)", or null when Split applies at this frame. */
function splitBlocker(app: AppStore): string | null {
  if (app.selected.length !== 1) return 'Select one track to split it at the current frame';
  const trackId = app.selected[0];
  const s = app.summaries.find((t) => t.trackId === trackId);
  if (!s) return null;
  const name = app.nameOf(trackId);
  if (app.frameIndex < s.firstFrame || app.frameIndex > s.lastFrame) return `Frame ${app.frameIndex} is outside ${name}'s frames (${s.firstFrame}–${s.lastFrame})`;
  if (app.frameIndex === s.firstFrame) return `Frame ${app.frameIndex} is where ${name} starts: split after its first frame`;
  return null;
}

async function undoTimes(app: AppStore, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await app.undo();
}
