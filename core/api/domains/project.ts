import type { FilterSettings, TrackingResult } from '../../types';
import type { AddPersonRequest, TrackEdit } from '../track-edit';

export interface TrackMeta {
  trackId: number;
  name: string;
  hidden: boolean;
  colorHex: string;
}

export interface ProjectState {
  videoPath: string;
  result: TrackingResult;
  tracks: TrackMeta[];
  canUndo: boolean;
  canRedo: boolean;
  /** Increases with every applied edit, undo or redo. */
  revision: number;
  /** Ids of problems (see core/review/problems) the user marked as reviewed. */
  reviewedProblems: string[];
  /** Smoothing and gap filling applied on top of `result` for preview and export. */
  filters: FilterSettings;
  /** The result a later run replaced, kept so it can be restored with its edits; null when none. */
  previous?: PreviousResultInfo | null;
}

export interface PreviousResultInfo {
  /** When it was replaced (ISO 8601). */
  replacedAt: string;
  /** Edits made to it that restoring brings back. */
  editCount: number;
  trackCount: number;
}

export interface ProjectApi {
  /** The saved result with edits for this video, or null when it was never tracked. */
  load(videoPath: string): Promise<ProjectState | null>;
  edit(videoPath: string, edit: TrackEdit): Promise<ProjectState>;
  undo(videoPath: string): Promise<ProjectState>;
  redo(videoPath: string): Promise<ProjectState>;
  /** Swaps the current result with the one a later run replaced (so restoring can be undone the same way). */
  restorePrevious(videoPath: string): Promise<ProjectState>;
  /** Makes a PoseTrack file written for this video (e.g. by a batch) its project's result; the current one is kept as previous. */
  importResult(videoPath: string, resultPath: string): Promise<ProjectState>;
  /** Runs the result's pose model on a box drawn around a missed person (and follows them), applied as one addPoses edit. */
  addPerson(videoPath: string, request: AddPersonRequest): Promise<ProjectState>;
}
