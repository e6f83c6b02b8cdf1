import type { OpenedVideo, ProjectState } from '../../../core/api/pose-api';
import { offerBatchResult } from './batch-results.svelte';
import type { HostStore } from './host.svelte';
import type { JobsStore } from './jobs.svelte';
import type { LayerStore } from './layers.svelte';
import type { NavigationStore } from './navigation.svelte';
import type { PlaybackStore } from './playback.svelte';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import type { SelectionStore } from './selection.svelte';
import { forgetOpenVideo, rememberOpenVideo } from './session.svelte';
import { toasts } from './toasts.svelte';

/** The stores opening a video resets or fills. */
export interface OpenDeps {
  host: HostStore;
  navigation: NavigationStore;
  playback: PlaybackStore;
  selection: SelectionStore;
  project: ProjectStore;
  run: RunStore;
  layers: LayerStore;
  jobs: JobsStore;
}

/**
 * Opens a video with its project: playback starts at its first frame, the selection and streamed
 * frames of the previous video go, its layers load, and a run of it on the back end is adopted.
 */
export class VideoOpener {
  opening = $state(false);
  private videoPathOpening: string | null = null;

  constructor(private readonly deps: OpenDeps) {}

  async open(path: string): Promise<void> {
    const { host, run } = this.deps;
    if (run.run) {
      toasts.info('A tracking run is in progress', 'Cancel it or wait for it to finish before opening another video.');
      return;
    }
    this.opening = true;
    this.videoPathOpening = path;
    try {
      const video = await host.api.video.open(path);
      if (this.videoPathOpening !== path) return;
      const project = await host.api.project.load(video.info.path);
      showOpenedVideo(this.deps, video, project);
      this.attachRun();
      offerBatchResult(video.info.path, !!project);
      void this.deps.layers.load(video.info.path);
      host.noteRecent(video.info.path);
    } catch (error) {
      forgetOpenVideo(path);
      toasts.error(`Could not open ${path}`, error);
    } finally {
      this.opening = false;
    }
  }

  /** Opens the native dialog, or the in-app browser where the host has none (web). */
  async choose(): Promise<void> {
    const { host, navigation } = this.deps;
    const path = await navigation.pickPath('Open video', 'file', () => host.api.app.pickVideo());
    if (path) await this.open(path);
  }

  /** A run of this video started elsewhere (before a reload, in another tab) becomes this window's run. */
  attachRun(): void {
    const active = this.deps.jobs.runFor(this.deps.playback.videoPath);
    if (active) this.deps.run.adopt(active);
  }
}

/** The cross-store reset of opening a video: new playback, project and view; no selection or live frames. */
export function showOpenedVideo(deps: OpenDeps, video: OpenedVideo, project: ProjectState | null): void {
  deps.playback.load(video);
  deps.project.show(project);
  deps.run.end();
  deps.selection.clear();
  deps.navigation.show('player');
  rememberOpenVideo(video.info.path);
}
