import type { ActiveRun, PoseApi, RunSummary, TrackSettings } from '../../../core/api/pose-api';
import type { FramePoses, Progress } from '../../../core/types';
import { basename } from './paths';
import type { PlaybackStore } from './playback.svelte';
import { toasts } from './toasts.svelte';

export interface RunState {
  runId: string;
  videoPath: string;
  progress: Progress;
  startedAt: number;
}

/** This window's tracking run: its progress, the frames it streams, and its end. */
export class RunStore {
  /** Frames streamed by a run in progress, before the project exists. */
  liveFrames = $state.raw<FramePoses[]>([]);
  run = $state.raw<RunState | null>(null);
  lastSummary = $state.raw<RunSummary | null>(null);

  constructor(
    private readonly api: PoseApi,
    private readonly playback: PlaybackStore,
  ) {}

  async start(settings: TrackSettings): Promise<void> {
    const path = this.playback.videoPath;
    if (!path || this.run) return;
    try {
      this.liveFrames = [];
      const { runId } = await this.api.tracking.start(path, settings);
      const progress = { done: 0, total: this.playback.frameCount };
      this.run = { runId, videoPath: path, progress, startedAt: performance.now() };
    } catch (error) {
      toasts.error(`Could not start tracking ${basename(path)}`, error);
    }
  }

  async cancel(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      await this.api.tracking.cancel(run.runId);
    } catch (error) {
      toasts.error('Cancel failed', error);
    }
    this.end();
    toasts.info('Tracking cancelled', `${basename(run.videoPath)}: the previous result, if any, is unchanged.`);
  }

  /** A run started elsewhere (before a reload, in another tab) becomes this window's run. */
  adopt(active: ActiveRun): void {
    if (this.run) return;
    this.run = { ...active, startedAt: performance.now() - (Date.now() - active.startedAtMs) };
  }

  isMine(runId: string): boolean {
    return this.run?.runId === runId;
  }

  onProgress(runId: string, progress: Progress): void {
    if (this.run?.runId === runId) this.run = { ...this.run, progress };
  }

  onFrames(runId: string, frames: FramePoses[]): void {
    if (this.run?.runId === runId) this.liveFrames = mergeFrames(this.liveFrames, frames);
  }

  setSummary(summary: RunSummary): void {
    this.lastSummary = summary;
  }

  /** Forgets the run and its streamed frames (finished, failed or cancelled). */
  end(): void {
    this.run = null;
    this.liveFrames = [];
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
