import type { FramePoses } from '../../../core/types';
import { KEYPOINT_FLAG } from '../../../core/types';
import type { PoseApi } from '../../../core/api/pose-api';
import type { PlaybackStore } from './playback.svelte';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import type { SelectionStore } from './selection.svelte';
import { basename } from './paths';
import { toasts } from './toasts.svelte';

/** Frames after the box's frame that "Add person" follows by default. */
export const DEFAULT_FOLLOW_FRAMES = 10;
/** A drawn box smaller than this (image pixels, either side) is a click, not a box. */
export const MIN_BOX_SIDE_PX = 8;

/** The stores the tool reads and drives. */
export interface AddPersonDeps {
  api: PoseApi;
  project: ProjectStore;
  run: RunStore;
  playback: PlaybackStore;
  selection: SelectionStore;
}

export interface DrawnBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The box tool: draw a box around a person the detector missed, pick a track (new or existing)
 * and how many frames to follow them; the back end runs the pose model and applies one edit.
 */
export class AddPersonTool {
  active = $state(false);
  box = $state<DrawnBox | null>(null);
  /** null: a new track. */
  trackId = $state<number | null>(null);
  followFrames = $state(DEFAULT_FOLLOW_FRAMES);
  busy = $state(false);

  constructor(private readonly deps: AddPersonDeps) {}

  setBox(box: DrawnBox): void {
    this.box = box;
  }

  setTrack(trackId: number | null): void {
    this.trackId = trackId;
  }

  setFollowFrames(frames: number): void {
    this.followFrames = frames;
  }

  toggle(): boolean {
    if (this.active) this.cancel();
    else if (this.deps.project.project && !this.deps.run.run) {
      const selected = this.deps.selection.selected;
      this.deps.playback.pause();
      this.active = true;
      this.box = null;
      this.trackId = selected.length === 1 ? selected[0] : null;
    } else return false;
    return true;
  }

  cancel(): void {
    if (this.busy) return;
    this.active = false;
    this.box = null;
  }

  async add(): Promise<void> {
    const { api, project, playback, selection } = this.deps;
    const path = playback.videoPath;
    const box = this.box;
    if (!path || !box || this.busy) return;
    this.busy = true;
    const frameIndex = playback.frameIndex;
    const before = new Set(project.project?.tracks.map((t) => t.trackId));
    try {
      const request = {
        frameIndex,
        box,
        followFrames: this.followFrames,
        ...(this.trackId !== null && { trackId: this.trackId }),
      };
      const state = await api.project.addPerson(path, request);
      project.applyProject(state);
      const trackId = this.trackId ?? state.tracks.find((t) => !before.has(t.trackId))?.trackId ?? null;
      const frames = trackId === null ? 0 : countAdded(state.result.frames, trackId, frameIndex);
      toasts.success(
        `Added ${trackId === null ? 'a person' : project.nameOf(trackId)} on ${frames} frame${frames === 1 ? '' : 's'}`,
        `From frame ${frameIndex}; Ctrl+Z undoes it.`,
      );
      if (trackId !== null) selection.select([trackId]);
      this.active = false;
      this.box = null;
    } catch (error) {
      toasts.error(`Could not add a person on frame ${frameIndex} of ${basename(path)}`, error);
    } finally {
      this.busy = false;
    }
  }
}

/** Poses of `trackId` flagged added, from `frameIndex` on without a break. */
function countAdded(frames: readonly FramePoses[], trackId: number, frameIndex: number): number {
  let count = 0;
  for (const frame of frames) {
    if (frame.frameIndex < frameIndex) continue;
    const pose = frame.poses.find((p) => p.trackId === trackId);
    if (!pose?.keypointFlags?.some((f) => f & KEYPOINT_FLAG.added)) break;
    count += 1;
  }
  return count;
}
