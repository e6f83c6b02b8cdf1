import type { RunSummary, TrackSettings } from '../../../core/api/pose-api';
import type { FramePoses, Progress } from '../../../core/types';
import { basename } from './paths';
import { indexFrames } from './presence';
import { ProjectStore } from './project.svelte';
import { toasts } from './toasts.svelte';
import { summarizeTracks } from './track-summary';
import { reportRunNotes } from './session.svelte';
import { offerRestore } from './previous-result';
import { runSpeedOf, saveRunSpeed } from './run-speed';

export interface RunState {
  runId: string;
  videoPath: string;
  progress: Progress;
  startedAt: number;
}

/** A tracking run in progress: its progress, the frames it streams, and its end. */
export class RunStore extends ProjectStore {
  /** Frames streamed by a run in progress, before the project exists. */
  liveFrames = $state.raw<FramePoses[]>([]);
  run = $state.raw<RunState | null>(null);
  lastSummary = $state.raw<RunSummary | null>(null);

  frames = $derived.by<FramePoses[]>(() => (this.run && this.liveFrames.length ? this.liveFrames : (this.project?.result.frames ?? this.liveFrames)));
  framesByIndex = $derived(indexFrames(this.frames, this.frameCount));
  summaries = $derived(summarizeTracks(this.frames));
  currentPoses = $derived(this.framesByIndex[this.frameIndex]?.poses ?? []);

  async startTracking(settings: TrackSettings): Promise<void> {
    const path = this.videoPath;
    if (!path || this.run) return;
    try {
      this.liveFrames = [];
      const { runId } = await this.api.tracking.start(path, settings);
      this.run = { runId, videoPath: path, progress: { done: 0, total: this.frameCount }, startedAt: performance.now() };
    } catch (error) {
      toasts.error(`Could not start tracking ${basename(path)}`, error);
    }
  }

  async cancelTracking(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      await this.api.tracking.cancel(run.runId);
    } catch (error) {
      toasts.error('Cancel failed', error);
    }
    this.run = null;
    this.liveFrames = [];
    toasts.info('Tracking cancelled', `${basename(run.videoPath)}: the previous result, if any, is unchanged.`);
  }

  protected async finishRun(videoPath: string, summary: RunSummary): Promise<void> {
    this.lastSummary = summary;
    try {
      const project = await this.api.project.load(videoPath);
      if (this.videoPath === videoPath) this.project = project;
      if (project) saveRunSpeed(runSpeedOf(project.result.models, summary));
      offerRestore(this, project);
    } catch (error) {
      toasts.error(`Loading the result of ${basename(videoPath)}`, error);
    }
    this.run = null;
    this.liveFrames = [];
    const secs = (summary.wallMs / 1000).toFixed(1);
    toasts.success('Tracking finished', `${summary.tracks} tracks · ${summary.persons} poses in ${summary.frames} frames · ${secs} s on ${summary.executionProvider}`);
    reportRunNotes(summary.warnings, () => {
      this.view = 'settings';
      requestAnimationFrame(() => document.querySelector('[data-testid=device-notes]')?.scrollIntoView({ block: 'center' }));
    });
  }
}

/** Adds streamed frames to the live list, replacing any frame index that arrives again. */
export function mergeFrames(existing: FramePoses[], incoming: FramePoses[]): FramePoses[] {
  if (!incoming.length) return existing;
  const last = existing[existing.length - 1];
  if (!last || incoming[0].frameIndex > last.frameIndex) return [...existing, ...incoming];
  const byIndex = new Map(existing.map((f) => [f.frameIndex, f]));
  for (const f of incoming) byIndex.set(f.frameIndex, f);
  return [...byIndex.values()].sort((a, b) => a.frameIndex - b.frameIndex);
}
