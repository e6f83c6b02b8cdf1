import type { FramePoses } from '../../../core/types';
import type { PlaybackStore } from './playback.svelte';
import { indexFrames } from './presence';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import { summarizeTracks } from './track-summary';

/** The poses on show: a run's streamed frames while it runs, else the project's result. */
export class FramesStore {
  constructor(
    private readonly run: RunStore,
    private readonly project: ProjectStore,
    private readonly playback: PlaybackStore,
  ) {}

  frames = $derived.by<FramePoses[]>(() =>
    this.run.run && this.run.liveFrames.length
      ? this.run.liveFrames
      : (this.project.project?.result.frames ?? this.run.liveFrames),
  );
  framesByIndex = $derived.by(() => indexFrames(this.frames, this.playback.frameCount));
  summaries = $derived(summarizeTracks(this.frames));
  currentPoses = $derived.by(() => this.framesByIndex[this.playback.frameIndex]?.poses ?? []);
}
