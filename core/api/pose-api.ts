/**
 * The one contract between the UI and the back end. Electron's main process implements it over
 * IPC (preload forwards one method per `domain:method` channel), the web host (`posetrail serve`)
 * over HTTP/WebSocket, and the renderer only ever talks to this interface.
 * Every payload is plain data (structured-clone and JSON safe). Binary data travels as Uint8Array.
 * Each domain's methods and payload types live in `domains/<domain>.ts`, as the service that
 * implements them lives in `service/domains/<domain>.ts`; this file assembles them.
 */
import type { FramePoses, Progress } from '../types';
import type { AppApi } from './domains/app';
import type { BatchApi, BatchFileState } from './domains/batch';
import type { ExportsApi } from './domains/exports';
import type { FilesApi } from './domains/files';
import type { LayersApi } from './domains/layers';
import type { ModelsApi } from './domains/models';
import type { ProjectApi } from './domains/project';
import type { SettingsApi } from './domains/settings';
import type { RunSummary, TrackingApi } from './domains/tracking';
import type { VideoApi } from './domains/video';

export type { AppApi, AppInfo } from './domains/app';
export type { BatchApi, BatchFileState, BatchFileStatus, BatchOptions } from './domains/batch';
export type { ExportOptions, ExportsApi } from './domains/exports';
export type { DirEntry, FilesApi } from './domains/files';
export type { LayersApi } from './domains/layers';
export type { ExpectedRate, ModelEntry, ModelsApi } from './domains/models';
export type { PreviousResultInfo, ProjectApi, ProjectState, TrackMeta } from './domains/project';
export type { Settings, SettingsApi } from './domains/settings';
export type {
  ActiveRun,
  DetectorTilingSetting,
  ModelCallCount,
  RunSummary,
  TrackingApi,
  TrackSettings,
} from './domains/tracking';
export type { OpenedVideo, VideoApi } from './domains/video';
export type { ExportFormat } from '../export-formats';
export type { AddedPose, AddPersonRequest, TrackEdit } from './track-edit';
export type { TrackLayer } from './track-layer';

/** Events pushed from the back end to the UI. */
export type PoseEvent =
  | { type: 'tracking-progress'; runId: string; progress: Progress }
  | { type: 'tracking-frames'; runId: string; frames: FramePoses[] }
  | { type: 'tracking-done'; runId: string; videoPath: string; summary: RunSummary }
  | { type: 'tracking-error'; runId: string; videoPath: string; error: ApiErrorData }
  | { type: 'export-progress'; exportId: string; progress: Progress }
  | { type: 'batch-update'; batchId: string; files: BatchFileState[]; overall: Progress; finished: boolean }
  | { type: 'model-download-progress'; modelId: string; progress: Progress }
  | { type: 'menu'; action: string; payload?: string };

/** An error as it crosses a process boundary; rebuilt as an Error with `code` on the other side. */
export interface ApiErrorData {
  code: string;
  message: string;
}

export interface PoseApi {
  app: AppApi;
  files: FilesApi;
  layers: LayersApi;
  video: VideoApi;
  tracking: TrackingApi;
  project: ProjectApi;
  exports: ExportsApi;
  batch: BatchApi;
  models: ModelsApi;
  settings: SettingsApi;
  /** Subscribes to back-end events; returns the unsubscribe function. */
  onEvent(listener: (event: PoseEvent) => void): () => void;
}
