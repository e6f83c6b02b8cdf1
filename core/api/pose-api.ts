/**
 * The one contract between the UI and the back end. Electron's main process implements it over
 * IPC (preload forwards one method per `domain:method` channel), the web host (`posetrail serve`)
 * over HTTP/WebSocket, and the renderer only ever talks to this interface.
 * Every payload is plain data (structured-clone and JSON safe). Binary data travels as Uint8Array.
 */
import type { ExportFormat, ResultFormat } from '../export-formats';
import type { ExecutionDevice, FilterSettings, FramePoses, Progress, TrackingResult, VideoInfo } from '../types';
import type { TrackLayer } from './track-layer';
import type { AddPersonRequest, TrackEdit } from './track-edit';

export type { AddedPose, AddPersonRequest, TrackEdit } from './track-edit';

export type { TrackLayer } from './track-layer';

export interface AppInfo {
  version: string;
  platform: string;
  /** 'electron' inside the desktop app, 'web' under `posetrail serve`. */
  host: 'electron' | 'web';
  ffmpegPath: string | null;
  /** Execution devices this machine can actually use, 'cpu' always among them. */
  devices: ExecutionDevice[];
  /** The models the device suggests (GPU or CPU defaults) and why, for the Track dialog. */
  defaultModels?: { detector: string; poseModel: string; reason: string };
  homeDir: string;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
  sizeBytes?: number;
}

export interface OpenedVideo {
  info: VideoInfo;
  /** URL the renderer's <video> element can play (range requests supported). */
  mediaUrl: string;
  /** False when the browser engine cannot decode the codec: frames then come from frameImage(). */
  browserPlayable: boolean;
}

export interface TrackSettings {
  detector: string;
  poseModel: string;
  device: ExecutionDevice;
  threads?: number;
  detIntervalFrames: number;
  minBoxScore: number;
  minKeypointScore: number;
  flipTest: boolean;
  /**
   * Detector tiling: 'auto' also runs the detector on overlapping tiles of frames much larger than
   * its input, so small and distant people are found (the detector then costs several times more);
   * 'off' runs it on the whole frame only. Absent means 'auto'.
   */
  detectorTiling?: DetectorTilingSetting;
  /** Input side (px) chosen per detector id, for detectors that take any size; absent = the model's own. */
  detectorInputSizes?: Record<string, number>;
  /** Re-link people after occlusions and short exits (lost-track memory); absent means on. */
  relink?: boolean;
  /** Join track pieces after the run (each join can be undone); absent means on. */
  stitch?: boolean;
  /** Longest time unseen after which a person keeps their id, in ms; absent means 3 s. */
  maxGapMs?: number;
  /** Re-ID model id telling people apart in re-linking and stitching; absent: the default one, 'none': colours. */
  reidModel?: string;
}

export type DetectorTilingSetting = 'auto' | 'off';

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

/** A tracking run the back end is working on, for any window (a reload, a second tab) to show. */
export interface ActiveRun {
  runId: string;
  videoPath: string;
  progress: Progress;
  /** Epoch milliseconds. */ startedAtMs: number;
}

export interface ExportOptions {
  /** Replace an existing file at outPath; without it the export refuses (ALREADY_EXISTS for an earlier Posetrail export, EXPORT_EXISTS for a file Posetrail did not write). */
  overwrite?: boolean;
  /** Leave hidden tracks out of the file. */ excludeHidden?: boolean;
}

export type { ExportFormat } from '../export-formats';

export interface BatchOptions {
  folder: string;
  outDir: string;
  recursive: boolean;
  extensions: string[];
  settings: TrackSettings;
  format: ResultFormat;
  /** Spread the videos over `posetrail worker`s through this Redis instead of tracking here. */
  queueUrl?: string;
}

export type BatchFileStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled';

export interface BatchFileState {
  input: string;
  output: string;
  status: BatchFileStatus;
  progress?: Progress;
  error?: string;
  wallMs?: number;
}

export interface ModelEntry {
  id: string;
  name: string;
  task: 'person-detector' | 'pose-topdown-heatmap' | 'person-reid';
  installed: boolean;
  path: string | null;
  sizeBytes: number | null;
  /** Can be fetched by the app (false for local-import-only models). */
  downloadable: boolean;
  description: string;
  /** Size of the published file a download fetches; null when the publisher states none (known after download). */
  downloadSizeBytes: number | null;
  paramsMillions: number | null;
  /** Multiply-accumulates per inference ÷ 1e9, as the model's paper reports "GFLOPs". */
  gflops: number | null;
  /** Model-call throughput estimated from this machine's calibration; null until one exists for the device. */
  expectedRate: ExpectedRate | null;
  /** Detectors that take any input size: the square sides (px) to offer, the default first. */
  inputSizeChoices?: number[];
}

export interface ExpectedRate {
  /** Frames per second for detectors, persons (pose boxes) per second for pose models. */
  perSecond: number;
  unit: 'frames' | 'persons';
  /** The execution provider the calibration ran on ('cpu', 'webgpu', …). */
  device: string;
}

export interface Settings {
  defaultDevice: ExecutionDevice;
  threads: number;
  track: TrackSettings;
  /** Redis URL of a queue with `posetrail worker`s; the Batch view sends batches there. Empty: this computer. */
  queueUrl?: string;
}

/** How many calls one model got, the images they held, and the calls by batch size. */
export interface ModelCallCount {
  calls: number;
  images: number;
  callsByBatch: Record<string, number>;
}

export interface RunSummary {
  frames: number;
  persons: number;
  tracks: number;
  wallMs: number;
  stageMs: Record<string, number>;
  /** Model calls made, by model (for comparing with bare calls of the same batch sizes); reid when the run had a re-ID model. */
  modelCalls?: Record<'detector' | 'pose', ModelCallCount> & { reid?: ModelCallCount };
  executionProvider: string;
  warnings: string[];
}

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
  app: {
    info(): Promise<AppInfo>;
    recentFiles(): Promise<string[]>;
    /** Native open dialog; resolves null when cancelled or when the host has none (web). */
    pickVideo(): Promise<string | null>;
    pickFolder(): Promise<string | null>;
    pickSavePath(defaultPath: string): Promise<string | null>;
    showInFolder(path: string): Promise<void>;
  };
  files: {
    /** Lists a folder for the in-app file browser: folders plus videos and images ('media', default) or PoseTrack JSON files ('tracks'). */
    list(dir: string, show?: 'media' | 'model' | 'tracks'): Promise<DirEntry[]>;
  };
  layers: {
    /** The read-only track layers remembered for this video (PoseTrack files opened over it). */
    list(videoPath: string): Promise<TrackLayer[]>;
    /** Reads a PoseTrack 2018/2017 file and remembers it as a layer of this video; returns all its layers. */
    add(videoPath: string, filePath: string): Promise<TrackLayer[]>;
    remove(videoPath: string, filePath: string): Promise<TrackLayer[]>;
  };
  video: {
    open(path: string): Promise<OpenedVideo>;
    /** One frame decoded by our own decoder, as JPEG bytes. */
    frameImage(path: string, frameIndex: number): Promise<Uint8Array>;
  };
  tracking: {
    start(videoPath: string, settings: TrackSettings): Promise<{ runId: string }>;
    cancel(runId: string): Promise<void>;
    /** Runs in progress, with their latest progress. */
    list(): Promise<ActiveRun[]>;
  };
  project: {
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
  };
  exports: {
    /** Refuses to replace an existing file unless `overwrite` (see ExportOptions). */
    run(videoPath: string, format: ExportFormat, outPath: string, options?: ExportOptions): Promise<{ exportId: string; outPath: string }>;
  };
  batch: {
    start(options: BatchOptions): Promise<{ batchId: string }>;
    cancel(batchId: string): Promise<void>;
  };
  models: {
    list(): Promise<ModelEntry[]>;
    download(modelId: string): Promise<void>;
    /** Whether these models' download servers answer now (false offline): the app then picks installed models before starting. */
    canFetch(modelIds: string[]): Promise<boolean>;
    import(filePath: string, modelId: string): Promise<ModelEntry>;
    /** Measures this machine on `device` (refreshing the cached calibration) and lists the models with their expected speed. */
    estimateSpeed(device: ExecutionDevice): Promise<ModelEntry[]>;
  };
  settings: {
    get(): Promise<Settings>;
    set(patch: Partial<Settings>): Promise<Settings>;
  };
  /** Subscribes to back-end events; returns the unsubscribe function. */
  onEvent(listener: (event: PoseEvent) => void): () => void;
}
