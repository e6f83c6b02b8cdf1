import type { AppStore } from './app.svelte';
import { toasts } from './toasts.svelte';

/**
 * The track edits the panel buttons, the keyboard and the desktop menu share. Each returns false
 * when the selection does not fit (so the key falls through) and explains why in a toast.
 */
export function trackActions(app: AppStore) {
  const need = (count: number, what: string): boolean => {
    if (!app.project) return false;
    if (app.selected.length === count) return true;
    toasts.info(`Select ${count === 1 ? 'one track' : `${count} tracks`} to ${what}`, count === 2 ? 'Click the first track, then Ctrl+Click the second.' : undefined);
    return false;
  };
  return {
    canMerge: () => app.selected.length === 2,
    canSwap: () => app.selected.length === 2,
    canSplit: () => app.selected.length === 1,
    toggleHidden(): boolean {
      if (!app.project || app.selected.length === 0) return false;
      for (const trackId of app.selected) void app.edit({ kind: 'setHidden', trackId, hidden: !app.hidden.has(trackId) });
      return true;
    },
    remove(): boolean {
      if (!app.project || app.selected.length === 0) return false;
      const ids = [...app.selected];
      void (async () => {
        for (const trackId of ids) await app.edit({ kind: 'delete', trackId });
        toasts.info(`Deleted ${ids.map(app.nameOf).join(', ')}`, 'Ctrl+Z brings it back.');
      })();
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
      void app.edit({ kind: 'split', trackId: app.selected[0], frameIndex: app.frameIndex });
      return true;
    },
    swap(): boolean {
      if (!need(2, 'swap')) return false;
      const [trackIdA, trackIdB] = app.selected;
      const range = app.review.range;
      void app.edit(range ? { kind: 'swap', trackIdA, trackIdB, frameIndex: range.from, toFrameIndex: range.to } : { kind: 'swap', trackIdA, trackIdB, frameIndex: app.frameIndex });
      return true;
    },
    beginRename(): boolean {
      if (app.selected.length !== 1) return false;
      window.dispatchEvent(new CustomEvent('posetrail-rename', { detail: app.selected[0] }));
      return true;
    },
  };
}
