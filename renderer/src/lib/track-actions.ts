import type { TrackEdit } from '../../../core/api/pose-api';
import type { Stores } from './stores.svelte';

/** The stores the track edits read and drive. */
export type TrackActionDeps = Pick<Stores, 'project' | 'selection' | 'playback' | 'frames' | 'review'>;
import { toasts } from './toasts.svelte';

/**
 * The track edits the panel buttons, the keyboard and the desktop menu share. Each returns false
 * when the selection does not fit (so the key falls through) and explains why in a toast; each
 * edit that applies confirms with a toast whose Undo button takes it back.
 */
export function trackActions(deps: TrackActionDeps) {
  const { project, selection, playback, review } = deps;
  const need = (count: number, what: string): boolean => {
    if (!project.project) return false;
    if (selection.selected.length === count) return true;
    toasts.info(
      `Select ${count === 1 ? 'one track' : `${count} tracks`} to ${what}`,
      count === 2 ? 'Click the first track, then Ctrl+Click the second.' : undefined,
    );
    return false;
  };
  /** Applies the edits in order; on success a toast says what happened, with Undo. */
  const applyWithUndo = async (edits: TrackEdit[], done: string): Promise<boolean> => {
    const before = project.project?.revision;
    for (const edit of edits) await project.edit(edit);
    if (project.project?.revision === before) return false;
    toasts.success(done, undefined, { label: 'Undo', run: () => void undoTimes(project, edits.length) });
    return true;
  };
  return {
    canMerge: () => selection.selected.length === 2,
    canSwap: () => selection.selected.length === 2,
    canSplit: () => splitBlocker(deps) === null,
    /** Why Split cannot apply now, in words for its tooltip; null when it can. */
    splitBlocker: () => splitBlocker(deps),
    toggleHidden(): boolean {
      if (!project.project || selection.selected.length === 0) return false;
      for (const trackId of selection.selected)
        void project.edit({ kind: 'setHidden', trackId, hidden: !project.hidden.has(trackId) });
      return true;
    },
    remove(): boolean {
      if (!project.project || selection.selected.length === 0) return false;
      const ids = [...selection.selected];
      void applyWithUndo(
        ids.map((trackId) => ({ kind: 'delete', trackId })),
        `Deleted ${ids.map(project.nameOf).join(', ')}`,
      );
      return true;
    },
    merge(): boolean {
      if (!need(2, 'merge')) return false;
      const [targetId, sourceId] = selection.selected;
      review.requestMerge(targetId, sourceId);
      return true;
    },
    split(): boolean {
      if (!need(1, 'split')) return false;
      const blocker = splitBlocker(deps);
      if (blocker) return (toasts.info('Cannot split here', blocker), false);
      const trackId = selection.selected[0];
      void applyWithUndo(
        [{ kind: 'split', trackId, frameIndex: playback.frameIndex }],
        `Split ${project.nameOf(trackId)} at frame ${playback.frameIndex}`,
      );
      return true;
    },
    swap(): boolean {
      if (!need(2, 'swap')) return false;
      const [trackIdA, trackIdB] = selection.selected;
      const range = review.range;
      const text = range
        ? `Swapped ${project.nameOf(trackIdA)} and ${project.nameOf(trackIdB)} in frames ${range.from}–${range.to}`
        : `Swapped ${project.nameOf(trackIdA)} and ${project.nameOf(trackIdB)} from frame ${playback.frameIndex} on`;
      const edit: TrackEdit = range
        ? { kind: 'swap', trackIdA, trackIdB, frameIndex: range.from, toFrameIndex: range.to }
        : { kind: 'swap', trackIdA, trackIdB, frameIndex: playback.frameIndex };
      void applyWithUndo([edit], text);
      return true;
    },
    beginRename(): boolean {
      if (selection.selected.length !== 1) return false;
      window.dispatchEvent(new CustomEvent('posetrail-rename', { detail: selection.selected[0] }));
      return true;
    },
  };
}

/** "Frame 220 is outside Woman (#1)'s frames (37–211)", or null when Split applies at this frame. */
function splitBlocker({ project, selection, playback, frames }: TrackActionDeps): string | null {
  if (selection.selected.length !== 1) return 'Select one track to split it at the current frame';
  const trackId = selection.selected[0];
  const s = frames.summaries.find((t) => t.trackId === trackId);
  if (!s) return null;
  const name = project.nameOf(trackId);
  if (playback.frameIndex < s.firstFrame || playback.frameIndex > s.lastFrame)
    return `Frame ${playback.frameIndex} is outside ${name}'s frames (${s.firstFrame}–${s.lastFrame})`;
  if (playback.frameIndex === s.firstFrame)
    return `Frame ${playback.frameIndex} is where ${name} starts: split after its first frame`;
  return null;
}

async function undoTimes(project: TrackActionDeps['project'], times: number): Promise<void> {
  for (let i = 0; i < times; i++) await project.undo();
}
