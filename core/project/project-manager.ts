import path from 'node:path';
import type { ProjectState, TrackEdit } from '../api/pose-api';
import type { TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { applyFilters } from '../analysis/apply-filters';
import * as history from './history';
import { applyTrackEdit, initialState, replayEdits, trackMetaOf, type EditedState } from './project-state';
import { findProjectFile, readProjectFile, writeProjectFile, type ProjectDoc } from './project-file';

export interface ProjectManagerOptions {
  /** Fallback folder for projects of videos in read-only folders. */
  dataDir: string;
  colorOf: (trackId: number) => string;
  /** Whether the video's folder takes the project file; defaults to an access(W_OK) check. */
  canWriteBeside?: (dir: string) => Promise<boolean>;
}

interface OpenProject {
  doc: ProjectDoc;
  state: EditedState;
}

/**
 * Holds the open projects, applies edits / undo / redo and saves after every change. Work on one
 * video is serialised so two quick edits can never interleave their saves; a failed save leaves
 * the previous state in place and reports the error.
 */
export class ProjectManager {
  private readonly open = new Map<string, OpenProject>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: ProjectManagerOptions) {}

  load(videoPath: string): Promise<ProjectState | null> {
    return this.serial(videoPath, async (key) => {
      const project = await this.get(key);
      return project ? this.toState(project) : null;
    });
  }

  /** The edited result for export with the project's filters applied, or null when the video was never tracked. */
  currentResult(videoPath: string): Promise<TrackingResult | null> {
    return this.serial(videoPath, async (key) => {
      const state = (await this.get(key))?.state;
      return state ? applyFilters(state.result, state.filters) : null;
    });
  }

  edit(videoPath: string, edit: TrackEdit): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const project = await this.require(key);
      const state = applyTrackEdit(project.state, edit);
      const doc = { ...project.doc, history: history.pushEdit(project.doc.history, edit), revision: project.doc.revision + 1 };
      return this.commit(key, { doc, state });
    });
  }

  undo(videoPath: string): Promise<ProjectState> {
    return this.step(videoPath, history.canUndo, history.undo);
  }

  redo(videoPath: string): Promise<ProjectState> {
    return this.step(videoPath, history.canRedo, history.redo);
  }

  /** A fresh tracking result replaces the project (old edits refer to old track ids). */
  replaceResult(videoPath: string, result: TrackingResult): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const previous = await this.get(key).catch(() => null);
      const doc: ProjectDoc = { videoPath: key, baseResult: result, history: history.EMPTY_HISTORY, revision: (previous?.doc.revision ?? 0) + 1 };
      return this.commit(key, { doc, state: initialState(result) });
    });
  }

  private step(videoPath: string, allowed: (h: history.EditHistory) => boolean, move: (h: history.EditHistory) => history.EditHistory): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const project = await this.require(key);
      if (!allowed(project.doc.history)) return this.toState(project);
      const nextHistory = move(project.doc.history);
      const state = replayEdits(project.doc.baseResult, history.appliedEdits(nextHistory));
      return this.commit(key, { doc: { ...project.doc, history: nextHistory, revision: project.doc.revision + 1 }, state });
    });
  }

  private async commit(key: string, project: OpenProject): Promise<ProjectState> {
    const snapshot = this.toState(project);
    await writeProjectFile(project.doc, snapshot.tracks, this.options.dataDir, this.options.canWriteBeside);
    this.open.set(key, project);
    return snapshot;
  }

  private async get(key: string): Promise<OpenProject | null> {
    const cached = this.open.get(key);
    if (cached) return cached;
    const file = await findProjectFile(key, this.options.dataDir);
    if (!file) return null;
    const doc = await readProjectFile(file);
    const project = { doc: { ...doc, videoPath: key }, state: replayEdits(doc.baseResult, history.appliedEdits(doc.history)) };
    this.open.set(key, project);
    return project;
  }

  private async require(key: string): Promise<OpenProject> {
    const project = await this.get(key);
    if (!project) throw new ApiError(ERROR_CODES.failedPrecondition, `${key} has not been tracked yet: run tracking before editing tracks.`);
    return project;
  }

  private toState(project: OpenProject): ProjectState {
    return {
      videoPath: project.doc.videoPath,
      result: project.state.result,
      tracks: trackMetaOf(project.state, this.options.colorOf),
      canUndo: history.canUndo(project.doc.history),
      canRedo: history.canRedo(project.doc.history),
      revision: project.doc.revision,
      reviewedProblems: project.state.reviewed,
      filters: project.state.filters,
    };
  }

  private serial<T>(videoPath: string, work: (key: string) => Promise<T>): Promise<T> {
    const key = path.resolve(videoPath);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => work(key));
    this.queues.set(key, next);
    const cleanup = () => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }
}
