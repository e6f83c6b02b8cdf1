import type { PoseEvent } from '../../../core/api/pose-api';
import { basename } from './paths';
import { mergeFrames, RunStore } from './run.svelte';
import { describeError, toasts } from './toasts.svelte';
import { ReviewStore } from './review.svelte';
import { JobsStore } from './jobs.svelte';
import { forgetOpenVideo, rememberOpenVideo } from './session.svelte';
import { offerBatchResult } from './batch-results.svelte';
import { LayerStore } from './layers.svelte';
import { AddPersonTool } from './add-person.svelte';

export type { BrowseRequest, Dialog, View } from './navigation.svelte';
export type { PlayerControl } from './playback.svelte';
export type { OverlayToggles } from './selection.svelte';
export type { RunState } from './run.svelte';

/**
 * Application state, one concern per layer: navigation (views, dialogs, file picking) → playback
 * (the open video, current frame) → selection (selected tracks, overlay toggles) → project (result,
 * edits, undo) → run (a live tracking run). This top layer starts the app, routes back-end events
 * and opens videos. Big arrays are `$state.raw` (replaced, never mutated) so Svelte does not proxy
 * thousands of poses.
 */
export class AppStore extends RunStore {
  opening = $state(false);
  /** Proofreading: problems, filtered preview, timeline range, keypoint editing, plots. */
  readonly review: ReviewStore = new ReviewStore(this);
  /** PoseTrack files drawn read-only over the video (ground truth, other tools). */
  readonly layers: LayerStore = new LayerStore(this);
  /** The box tool that adds a person the detector missed. */
  readonly addPerson: AddPersonTool = new AddPersonTool(this);
  private videoPathOpening: string | null = null;
  /** Runs in progress on the back end, whichever window started them. */
  readonly jobs = new JobsStore(this.api, () => this.attachRun());

  // ── start-up and events ────────────────────────────────────────────────────
  async init(): Promise<void> {
    this.api.onEvent((event) => this.onEvent(event));
    const [info, settings, recent] = await Promise.all([this.api.app.info(), this.api.settings.get(), this.api.app.recentFiles()]);
    this.info = info;
    this.settings = settings;
    this.recent = recent;
    this.refreshModels();
    await this.jobs.refresh();
  }

  private onEvent(event: PoseEvent): void {
    switch (event.type) {
      case 'tracking-progress':
        if (this.run?.runId === event.runId) this.run = { ...this.run, progress: event.progress };
        break;
      case 'tracking-frames':
        if (this.run?.runId === event.runId) this.liveFrames = mergeFrames(this.liveFrames, event.frames);
        break;
      case 'tracking-done':
        if (this.run?.runId === event.runId) void this.finishRun(event.videoPath, event.summary);
        break;
      case 'tracking-error':
        if (this.run?.runId === event.runId) {
          this.run = null;
          this.liveFrames = [];
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

  // ── video and project ──────────────────────────────────────────────────────
  async openVideo(path: string): Promise<void> {
    if (this.run) {
      toasts.info('A tracking run is in progress', 'Cancel it or wait for it to finish before opening another video.');
      return;
    }
    this.opening = true;
    this.videoPathOpening = path;
    try {
      const video = await this.api.video.open(path);
      if (this.videoPathOpening !== path) return;
      const project = await this.api.project.load(video.info.path);
      this.player?.setPlaying(false);
      this.video = video;
      this.project = project;
      this.liveFrames = [];
      this.selected = [];
      this.frameIndex = 0;
      this.view = 'player';
      rememberOpenVideo(video.info.path);
      this.attachRun();
      offerBatchResult(video.info.path, !!project);
      void this.layers.load(video.info.path);
      this.recent = [video.info.path, ...this.recent.filter((p) => p !== video.info.path)];
      this.api.app.recentFiles().then((r) => (this.recent = r), () => undefined);
    } catch (error) {
      forgetOpenVideo(path);
      toasts.error(`Could not open ${path}`, error);
    } finally {
      this.opening = false;
    }
  }

  /** A run of this video started elsewhere (before a reload, in another tab) becomes this window's run. */
  attachRun(): void {
    const active = this.jobs.runFor(this.videoPath);
    if (active && !this.run) this.run = { ...active, startedAt: performance.now() - (Date.now() - active.startedAtMs) };
  }

  /** Opens the native dialog, or the in-app browser where the host has none (web). */
  async chooseAndOpenVideo(): Promise<void> {
    const path = await this.pickPath('Open video', 'file', () => this.api.app.pickVideo());
    if (path) await this.openVideo(path);
  }
}
