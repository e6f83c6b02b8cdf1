import type { ProjectState } from '../../../core/api/pose-api';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import type { PlaybackStore } from './playback.svelte';
import { toasts } from './toasts.svelte';

/** The stores restoring reads and changes. */
export interface RestoreDeps {
  project: ProjectStore;
  run: RunStore;
  playback: PlaybackStore;
}

/** Brings back the result (and its edits) that the last run replaced; doing it again swaps back. */
export async function restorePrevious({ project, run, playback }: RestoreDeps): Promise<void> {
  const path = playback.videoPath;
  if (!path || run.run) return;
  try {
    await project.restorePrevious(path);
    toasts.success('Previous result restored', 'The result it replaced is kept too: restore again to switch back.');
  } catch (error) {
    toasts.error('Restoring the previous result', error);
  }
}

/** After a run replaced a result that had edits, says so and offers them back. */
export function offerRestore(deps: RestoreDeps, project: ProjectState | null): void {
  const edits = project?.previous?.editCount ?? 0;
  if (edits === 0) return;
  toasts.info(
    `Your ${edits} edit${edits === 1 ? '' : 's'} on the earlier result ${edits === 1 ? 'is' : 'are'} kept`,
    'Restore the earlier result if the new run is worse.',
    {
      label: 'Restore previous result',
      run: () => void restorePrevious(deps),
    },
  );
}
