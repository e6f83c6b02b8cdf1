import type { ProjectState, TrackEdit, TrackMeta } from '../../../core/api/pose-api';
import { getSchema } from '../../../core/keypoints/schema';
import { basename } from './paths';
import { SelectionState } from './selection.svelte';
import { toasts } from './toasts.svelte';
import { trackColorHex } from './track-color';
import { summarizeTracks } from './track-summary';

/** The open video's project (result + edits, owned by the back end): its tracks, editing, undo and redo. */
export class ProjectStore extends SelectionState {
  project = $state.raw<ProjectState | null>(null);

  schema = $derived(getSchema(this.project?.result.schema ?? 'coco17'));
  metaById = $derived(new Map<number, TrackMeta>((this.project?.tracks ?? []).map((t) => [t.trackId, t])));
  hidden = $derived(new Set((this.project?.tracks ?? []).filter((t) => t.hidden).map((t) => t.trackId)));

  colorOf = (trackId: number): string => this.metaById.get(trackId)?.colorHex ?? trackColorHex(trackId);
  nameOf = (trackId: number): string => this.metaById.get(trackId)?.name || `#${trackId}`;

  async edit(edit: TrackEdit): Promise<void> {
    const path = this.videoPath;
    if (!path || !this.project) return;
    try {
      this.applyProject(await this.api.project.edit(path, edit));
    } catch (error) {
      toasts.error(`Edit "${edit.kind}" failed on ${basename(path)}`, error);
    }
  }

  async undo(): Promise<void> {
    if (!this.videoPath || !this.project?.canUndo) return;
    try {
      this.applyProject(await this.api.project.undo(this.videoPath));
    } catch (error) {
      toasts.error('Undo failed', error);
    }
  }

  async redo(): Promise<void> {
    if (!this.videoPath || !this.project?.canRedo) return;
    try {
      this.applyProject(await this.api.project.redo(this.videoPath));
    } catch (error) {
      toasts.error('Redo failed', error);
    }
  }

  protected applyProject(state: ProjectState): void {
    // Quick edits can answer out of order; an older revision never replaces a newer one.
    if (this.project && this.project.videoPath === state.videoPath && state.revision < this.project.revision) return;
    this.project = state;
    const alive = new Set(summarizeTracks(state.result.frames).map((s) => s.trackId));
    this.selected = this.selected.filter((id) => alive.has(id));
  }
}
