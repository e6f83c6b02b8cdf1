import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { BatchFileState, PoseApi, PoseEvent, RunSummary, TrackSettings } from './pose-api';
import type { Progress, TrackingResult, VideoInfo } from '../types';
import { ProjectManager } from '../project/project-manager';
import { SettingsStore } from '../settings/settings-store';
import { userConfigDir, userDataDir } from '../settings/paths';
import { ApiError, ERROR_CODES, toErrorData } from './errors';
import { limitMediaChildren } from './child-limit';
import { realCorePorts, type CorePorts } from './core-ports';
import { isBrowserPlayable, listMediaDir } from './media-files';
import { runWorkerJob, type WorkerJobHandle } from './worker-job';
import { spawnModuleWorker } from './worker-spawn';
import { runExport } from './export-job';

/** Host-specific parts; everything else is shared by Electron and the web host. */
export interface PoseServiceDeps {
  host: 'electron' | 'web';
  version: string;
  /** Allows the file for playback and returns the URL the renderer's <video> plays. */
  mediaUrlFor(filePath: string): Promise<string>;
  /** Native dialogs; the web host has none (methods then resolve null). */
  dialogs?: {
    pickVideo(): Promise<string | null>;
    pickFolder(): Promise<string | null>;
    pickSavePath(defaultPath: string): Promise<string | null>;
  };
  showInFolder?(filePath: string): Promise<void>;
  configDir?: string;
  dataDir?: string;
  /** Starts the worker thread that runs tracking, batch and overlay jobs. */
  spawnWorker?: () => Worker;
  /** The core modules (video, models, export…); the real ones by default. */
  core?: CorePorts;
  onWarning?(message: string): void;
}

export interface PoseService extends PoseApi {
  /** Cancels running jobs; call when the host shuts down. */
  dispose(): Promise<void>;
}

/** The worker module beside this file (bundled hosts inject their own spawnWorker instead). */
const defaultWorkerUrl = () => new URL('./tracking-worker.ts', import.meta.url);

export function createPoseService(deps: PoseServiceDeps): PoseService {
  const listeners = new Set<(event: PoseEvent) => void>();
  const emit = (event: PoseEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const warn = deps.onWarning ?? (() => {});
  const core = limitMediaChildren(deps.core ?? realCorePorts);
  // Probing GPU providers takes a second or more; start it now so that app.info, which the window
  // asks for first, rarely waits for it.
  const devices = core.availableDevices();
  devices.catch(() => {});
  const settings = new SettingsStore(deps.configDir ?? userConfigDir(), warn);
  const spawnWorker = deps.spawnWorker ?? (() => spawnModuleWorker(defaultWorkerUrl()));
  const projectManager = memoize(async () => new ProjectManager({ dataDir: deps.dataDir ?? userDataDir(), colorOf: await core.trackColors() }));
  const videoInfos = new Map<string, VideoInfo>();
  const runs = new Map<string, WorkerJobHandle>();
  const batches = new Map<string, WorkerJobHandle>();

  const probe = async (videoPath: string): Promise<VideoInfo> => {
    const key = path.resolve(videoPath);
    const cached = videoInfos.get(key);
    if (cached) return cached;
    const info = await core.probeVideo(key);
    videoInfos.set(key, info);
    return info;
  };

  const startTracking = async (videoPath: string, trackSettings: TrackSettings) => {
    const absolute = path.resolve(videoPath);
    await probe(absolute);
    const runId = randomUUID();
    const handle = runWorkerJob(spawnWorker, { kind: 'track', videoPath: absolute, settings: trackSettings }, (message) => {
      if (message.type === 'progress') emit({ type: 'tracking-progress', runId, progress: message.progress });
      else if (message.type === 'frames') emit({ type: 'tracking-frames', runId, frames: message.frames });
      else if (message.type === 'warning') warn(message.message);
    });
    runs.set(runId, handle);
    handle.done
      .then(async (value) => {
        const { result, summary } = value as { result: TrackingResult; summary: RunSummary };
        await (await projectManager()).replaceResult(absolute, result);
        emit({ type: 'tracking-done', runId, videoPath: absolute, summary });
      })
      .catch((error: unknown) => emit({ type: 'tracking-error', runId, videoPath: absolute, error: toErrorData(error) }))
      .finally(() => runs.delete(runId));
    return { runId };
  };

  const api: PoseService = {
    app: {
      info: async () => {
        const ports = core;
        return {
          version: deps.version,
          platform: process.platform,
          host: deps.host,
          ffmpegPath: await ports.ffmpegPath(),
          devices: await devices,
          homeDir: os.homedir(),
        };
      },
      recentFiles: () => settings.recentFiles(),
      pickVideo: async () => (deps.dialogs ? deps.dialogs.pickVideo() : null),
      pickFolder: async () => (deps.dialogs ? deps.dialogs.pickFolder() : null),
      pickSavePath: async (defaultPath) => (deps.dialogs ? deps.dialogs.pickSavePath(defaultPath) : null),
      showInFolder: async (filePath) => {
        if (!deps.showInFolder) throw new ApiError(ERROR_CODES.failedPrecondition, `This host cannot open a file manager; the file is at ${filePath}.`);
        await deps.showInFolder(filePath);
      },
    },
    files: { list: (dir) => listMediaDir(dir) },
    video: {
      open: async (videoPath) => {
        const absolute = path.resolve(videoPath);
        videoInfos.delete(absolute);
        const info = await probe(absolute);
        const mediaUrl = await deps.mediaUrlFor(info.kind === 'video' ? absolute : (info.frameFiles?.[0] ?? absolute));
        await settings.addRecent(absolute).catch((error: Error) => warn(`Could not update the recent files list: ${error.message}`));
        return { info, mediaUrl, browserPlayable: isBrowserPlayable(info) };
      },
      frameImage: async (videoPath, frameIndex) => {
        const info = await probe(videoPath);
        if (frameIndex >= info.frameCount) {
          throw new ApiError(ERROR_CODES.invalidArgument, `Frame ${frameIndex} is beyond the end of ${info.path} (${info.frameCount} frames).`);
        }
        return core.frameJpeg(info, frameIndex);
      },
    },
    tracking: {
      start: startTracking,
      cancel: async (runId) => {
        const run = runs.get(runId);
        if (!run) throw new ApiError(ERROR_CODES.notFound, `No tracking run ${runId} is in progress.`);
        run.cancel();
      },
    },
    project: {
      load: async (videoPath) => (await projectManager()).load(videoPath),
      edit: async (videoPath, edit) => (await projectManager()).edit(videoPath, edit),
      undo: async (videoPath) => (await projectManager()).undo(videoPath),
      redo: async (videoPath) => (await projectManager()).redo(videoPath),
    },
    exports: {
      run: async (videoPath, format, outPath, options) => {
        const result = await (await projectManager()).currentResult(videoPath);
        if (!result) throw new ApiError(ERROR_CODES.failedPrecondition, `${path.resolve(videoPath)} has not been tracked yet: run tracking before exporting.`);
        const exportId = randomUUID();
        const written = await runExport({
          videoPath,
          result,
          format,
          outPath,
          overwrite: options?.overwrite ?? false,
          ports: core,
          spawnWorker,
          onProgress: (progress) => emit({ type: 'export-progress', exportId, progress }),
        });
        return { exportId, outPath: written };
      },
    },
    batch: {
      start: async (options) => {
        const batchId = randomUUID();
        let last: { files: BatchFileState[]; overall: Progress } = { files: [], overall: { done: 0, total: 0 } };
        const handle = runWorkerJob(spawnWorker, { kind: 'batch', options }, (message) => {
          if (message.type === 'batch-update') {
            last = { files: message.files, overall: message.overall };
            emit({ type: 'batch-update', batchId, ...last, finished: false });
          } else if (message.type === 'warning') warn(message.message);
        });
        batches.set(batchId, handle);
        handle.done
          .then((value) => {
            const final = value as { files: BatchFileState[]; overall: Progress };
            emit({ type: 'batch-update', batchId, files: final.files, overall: final.overall, finished: true });
          })
          .catch((error: unknown) => {
            // The whole batch stopped (cancelled, or the folder could not be read): files not yet
            // finished are reported with the reason so the table never shows them as running.
            const { message } = toErrorData(error);
            const cancelled = (error as ApiError).code === ERROR_CODES.cancelled;
            const files = last.files.map((file) =>
              file.status === 'pending' || file.status === 'running' ? { ...file, status: cancelled ? ('cancelled' as const) : ('failed' as const), error: message } : file,
            );
            emit({ type: 'batch-update', batchId, files, overall: { ...last.overall, message }, finished: true });
          })
          .finally(() => batches.delete(batchId));
        return { batchId };
      },
      cancel: async (batchId) => {
        const batch = batches.get(batchId);
        if (!batch) throw new ApiError(ERROR_CODES.notFound, `No batch ${batchId} is in progress.`);
        batch.cancel();
      },
    },
    models: {
      // Speeds appear once the default device was measured; listing itself never measures.
      list: async () => {
        const { defaultDevice, threads } = await settings.get();
        return core.listModels({ speed: { device: defaultDevice, threads, onWarning: warn } });
      },
      download: async (modelId) => {
        await core.downloadModel(modelId, (progress) => emit({ type: 'model-download-progress', modelId, progress }));
      },
      import: async (filePath, modelId) => core.importModel(path.resolve(filePath), modelId),
      estimateSpeed: async (device) => {
        const { threads } = await settings.get();
        return core.listModels({ speed: { device, threads, calibrate: 'always', onWarning: warn } });
      },
    },
    settings: {
      get: () => settings.get(),
      set: (patch) => settings.set(patch),
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: async () => {
      const pending = [...runs.values(), ...batches.values()];
      for (const job of pending) job.cancel();
      await Promise.allSettled(pending.map((job) => job.done));
    },
  };
  return api;
}

function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => {
    promise ??= load().catch((error: unknown) => {
      promise = null;
      throw error;
    });
    return promise;
  };
}
