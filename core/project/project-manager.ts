import path from 'node:path';
import type { ProjectState, TrackEdit } from '../api/pose-api';
import type { TrackingResult, VideoInfo } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { applyFilters } from '../analysis/apply-filters';
import * as history from './history';
import { applyTrackEdit, initialState, trackMetaOf, type EditedState } from './project-state';
import { replayEdits } from './replay';
import { checkProjectFitsVideo, MAX_PROJECT_EDITS } from './project-checks';
import {
  findProjectFile,
  readProjectFile,
  writeProjectFile,
  type PreviousResult,
  type ProjectDoc,
} from './project-file';

export interface ProjectManagerOptions {
  /** Fallback folder for projects of videos in read-only folders. */
  dataDir: string;
  colorOf: (trackId: number) => string;
  /** Whether the video's folder takes the project file; defaults to an access(W_OK) check. */
  canWriteBeside?: (dir: string) => Promise<boolean>;
  /** The opened video as probed: a project file read from disk must fit it (project-checks). */
  probe?: (videoPath: string) => Promise<VideoInfo>;
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
      if (project.doc.history.cursor >= MAX_PROJECT_EDITS) {
        throw new ApiError(
          ERROR_CODES.failedPrecondition,
          `${path.basename(key)} holds ${MAX_PROJECT_EDITS} edits, the most a project keeps; export the result and track again to start a new history.`,
        );
      }
      const state = applyTrackEdit(project.state, edit);
      const doc = {
        ...project.doc,
        history: history.pushEdit(project.doc.history, edit),
        revision: project.doc.revision + 1,
      };
      return this.commit(key, { doc, state });
    });
  }

  undo(videoPath: string): Promise<ProjectState> {
    return this.step(videoPath, history.canUndo, history.undo);
  }

  redo(videoPath: string): Promise<ProjectState> {
    return this.step(videoPath, history.canRedo, history.redo);
  }

  /**
   * A fresh tracking result replaces the project (old edits refer to old track ids). The replaced
   * result is kept with its edits as `previous`, so a run that finishes never loses work.
   */
  replaceResult(videoPath: string, result: TrackingResult): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const current = await this.get(key).catch(() => null);
      const previous = current ? keptAsPrevious(current.doc) : undefined;
      const doc: ProjectDoc = {
        videoPath: key,
        baseResult: result,
        history: history.EMPTY_HISTORY,
        revision: (current?.doc.revision ?? 0) + 1,
        previous,
      };
      return this.commit(key, { doc, state: initialState(result) });
    });
  }

  /** Swaps the current result and the one it replaced; restoring again swaps them back. */
  restorePrevious(videoPath: string): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const project = await this.require(key);
      const previous = project.doc.previous;
      if (!previous)
        throw new ApiError(ERROR_CODES.failedPrecondition, `${path.basename(key)} has no earlier result to restore.`);
      const doc: ProjectDoc = {
        videoPath: key,
        baseResult: previous.baseResult,
        history: previous.history,
        revision: project.doc.revision + 1,
        previous: keptAsPrevious(project.doc),
      };
      return this.commit(key, { doc, state: replayEdits(doc.baseResult, history.appliedEdits(doc.history)) });
    });
  }

  private step(
    videoPath: string,
    allowed: (h: history.EditHistory) => boolean,
    move: (h: history.EditHistory) => history.EditHistory,
  ): Promise<ProjectState> {
    return this.serial(videoPath, async (key) => {
      const project = await this.require(key);
      if (!allowed(project.doc.history)) return this.toState(project);
      const nextHistory = move(project.doc.history);
      const state = replayEdits(project.doc.baseResult, history.appliedEdits(nextHistory));
      return this.commit(key, {
        doc: { ...project.doc, history: nextHistory, revision: project.doc.revision + 1 },
        state,
      });
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
    if (this.options.probe) {
      const video = await this.options.probe(key);
      checkProjectFitsVideo(doc, video, file);
      // The result is of the opened video as probed, whatever path and sizes the file claims.
      doc.baseResult = { ...doc.baseResult, video };
    }
    const state = replayEdits(doc.baseResult, history.appliedEdits(doc.history), { source: `Project file ${file}` });
    const project = { doc: { ...doc, videoPath: key }, state };
    this.open.set(key, project);
    return project;
  }

  private async require(key: string): Promise<OpenProject> {
    const project = await this.get(key);
    if (!project)
      throw new ApiError(
        ERROR_CODES.failedPrecondition,
        `${key} has not been tracked yet: run tracking before editing tracks.`,
      );
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
      previous: describePrevious(project.doc.previous),
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

function keptAsPrevious(doc: ProjectDoc): PreviousResult {
  return { replacedAt: new Date().toISOString(), baseResult: doc.baseResult, history: doc.history };
}

/** Replaying the previous result for its track count happens once per kept result, not per edit. */
const previousInfoCache = new WeakMap<PreviousResult, NonNullable<ProjectState['previous']>>();

function describePrevious(previous: PreviousResult | undefined): ProjectState['previous'] {
  if (!previous) return null;
  const cached = previousInfoCache.get(previous);
  if (cached) return cached;
  const state = replayEdits(previous.baseResult, history.appliedEdits(previous.history));
  const trackIds = new Set(state.result.frames.flatMap((f) => f.poses.map((p) => p.trackId)));
  const info = { replacedAt: previous.replacedAt, editCount: previous.history.cursor, trackCount: trackIds.size };
  previousInfoCache.set(previous, info);
  return info;
}
