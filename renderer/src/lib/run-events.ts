import type { PoseEvent, RunSummary } from '../../../core/api/pose-api';
import type { HostStore } from './host.svelte';
import type { NavigationStore } from './navigation.svelte';
import { basename } from './paths';
import type { PlaybackStore } from './playback.svelte';
import { offerRestore } from './previous-result';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import { runSpeedOf, saveRunSpeed } from './run-speed';
import { reportRunNotes } from './session.svelte';
import { describeError, toasts } from './toasts.svelte';

/** The stores the back end's events update. */
export interface EventDeps {
  host: HostStore;
  navigation: NavigationStore;
  playback: PlaybackStore;
  project: ProjectStore;
  run: RunStore;
}

/** Routes one back-end event: this window's run to the run store, the rest to the window's listeners. */
export function routeEvent(deps: EventDeps, event: PoseEvent): void {
  const { run } = deps;
  switch (event.type) {
    case 'tracking-progress':
      run.onProgress(event.runId, event.progress);
      break;
    case 'tracking-frames':
      run.onFrames(event.runId, event.frames);
      break;
    case 'tracking-done':
      if (run.isMine(event.runId)) void finishRun(deps, event.videoPath, event.summary);
      break;
    case 'tracking-error':
      if (run.isMine(event.runId)) {
        run.end();
        toasts.push('error', `Tracking ${basename(event.videoPath)} failed`, describeError(event.error));
      }
      break;
    case 'menu':
      window.dispatchEvent(new CustomEvent('posetrail-menu', { detail: event }));
      break;
    default:
      // export/batch/download progress is consumed by the dialogs that started them.
      window.dispatchEvent(new CustomEvent('posetrail-event', { detail: event }));
  }
}

/** A run of this window ended: its result becomes the project (if its video is still open), then the notes. */
async function finishRun(deps: EventDeps, videoPath: string, summary: RunSummary): Promise<void> {
  const { host, navigation, playback, project: projectStore, run } = deps;
  run.setSummary(summary);
  try {
    const project = await host.api.project.load(videoPath);
    if (playback.videoPath === videoPath) projectStore.show(project);
    if (project) saveRunSpeed(runSpeedOf(project.result.models, summary));
    offerRestore({ project: projectStore, run, playback }, project);
  } catch (error) {
    toasts.error(`Loading the result of ${basename(videoPath)}`, error);
  }
  run.end();
  const secs = (summary.wallMs / 1000).toFixed(1);
  toasts.success(
    'Tracking finished',
    `${summary.tracks} tracks · ${summary.persons} poses in ${summary.frames} frames · ${secs} s on ${summary.executionProvider}`,
  );
  reportRunNotes(summary.warnings, () => {
    navigation.show('settings');
    requestAnimationFrame(() =>
      document.querySelector('[data-testid=device-notes]')?.scrollIntoView({ block: 'center' }),
    );
  });
}
