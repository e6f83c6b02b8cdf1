import type { PoseApi, ProjectState, TrackEdit, TrackMeta } from '../../../core/api/pose-api';
import { getSchema } from '../../../core/keypoints/schema';
import { basename } from './paths';
import type { PlaybackStore } from './playback.svelte';
import { toasts } from './toasts.svelte';
import { trackColorHex } from './track-color';
import { trackLabel } from './track-label';

/**
 * The open video's project (result + edits, owned by the back end): its tracks, editing, undo and
 * redo. `onApplied` runs after each state the back end answers with (the selection drops tracks
 * that went away).
 */
export class ProjectStore {
  project = $state.raw<ProjectState | null>(null);

  schema = $derived(getSchema(this.project?.result.schema ?? 'coco17'));
  metaById = $derived(new Map<number, TrackMeta>((this.project?.tracks ?? []).map((t) => [t.trackId, t])));
  hidden = $derived(new Set((this.project?.tracks ?? []).filter((t) => t.hidden).map((t) => t.trackId)));

  constructor(
    private readonly api: PoseApi,
    private readonly playback: PlaybackStore,
    private readonly onApplied: (state: ProjectState) => void = () => {},
  ) {}

  colorOf = (trackId: number): string => this.metaById.get(trackId)?.colorHex ?? trackColorHex(trackId);
  /** One naming style everywhere: `Woman (#1)`, or `#1` for a track nobody named. */
  nameOf = (trackId: number): string => trackLabel(trackId, this.metaById.get(trackId)?.name);

  /** The project of a video just opened or just tracked (null: none yet), replacing any other. */
  show(project: ProjectState | null): void {
    this.project = project;
  }

  async edit(edit: TrackEdit): Promise<void> {
    const path = this.playback.videoPath;
    if (!path || !this.project) return;
    try {
      this.applyProject(await this.api.project.edit(path, edit));
    } catch (error) {
      toasts.error(`Edit "${edit.kind}" failed on ${basename(path)}`, error);
    }
  }

  async undo(): Promise<void> {
    const path = this.playback.videoPath;
    if (!path || !this.project?.canUndo) return;
    try {
      this.applyProject(await this.api.project.undo(path));
    } catch (error) {
      toasts.error('Undo failed', error);
    }
  }

  async redo(): Promise<void> {
    const path = this.playback.videoPath;
    if (!path || !this.project?.canRedo) return;
    try {
      this.applyProject(await this.api.project.redo(path));
    } catch (error) {
      toasts.error('Redo failed', error);
    }
  }

  /** Makes a result file the video's project (the project it replaces stays restorable). */
  async importResult(videoPath: string, resultPath: string): Promise<void> {
    this.applyProject(await this.api.project.importResult(videoPath, resultPath));
  }

  /** Brings back the result the last run replaced (the current one takes its place). */
  async restorePrevious(videoPath: string): Promise<void> {
    this.applyProject(await this.api.project.restorePrevious(videoPath));
  }

  applyProject(state: ProjectState): void {
    // Quick edits can answer out of order; an older revision never replaces a newer one.
    if (this.project && this.project.videoPath === state.videoPath && state.revision < this.project.revision) return;
    this.project = state;
    this.onApplied(state);
  }
}
