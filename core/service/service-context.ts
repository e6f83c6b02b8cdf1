import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { PoseEvent } from '../api/pose-api';
import type { ExecutionDevice, VideoInfo } from '../types';
import { ProjectManager } from '../project/project-manager';
import { SettingsStore } from './settings-store';
import { userConfigDir, userDataDir } from '../settings/paths';
import { limitMediaChildren } from './child-limit';
import { realCorePorts, type CorePorts } from './core-ports';
import type { WorkerJobHandle } from './worker-job';
import { createRunQueue, type RunQueue } from './run-queue';
import { siblingModuleUrl } from '../util/fork-module';
import { spawnModuleWorker } from '../util/worker-spawn';

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
  /** How many tracking runs and batches run at once; more wait their turn (default 2). */
  maxConcurrentRuns?: number;
}

/** What the service's domains share: the host, the core modules, the stores, events and running jobs. */
export interface ServiceContext {
  deps: PoseServiceDeps;
  core: CorePorts;
  emit(event: PoseEvent): void;
  listeners: Set<(event: PoseEvent) => void>;
  warn(message: string): void;
  /** Devices this machine can use; probing starts when the service is created. */
  devices: Promise<ExecutionDevice[]>;
  settings: SettingsStore;
  spawnWorker: () => Worker;
  projectManager: () => Promise<ProjectManager>;
  /** Probes a video once and keeps its info (video.open probes again). */
  probe(videoPath: string): Promise<VideoInfo>;
  videoInfos: Map<string, VideoInfo>;
  /** Tracking runs and batches, at most a few at once (see run-queue.ts). */
  runQueue: RunQueue;
  /** Jobs in progress, cancelled when the service is disposed. */
  activeJobs: Set<WorkerJobHandle>;
}

/** The worker module beside this file (bundled hosts inject their own spawnWorker instead). */
const defaultWorkerUrl = () => siblingModuleUrl('tracking-worker', import.meta.url);

export function createServiceContext(deps: PoseServiceDeps): ServiceContext {
  const listeners = new Set<(event: PoseEvent) => void>();
  const core = limitMediaChildren(deps.core ?? realCorePorts);
  // Probing GPU providers takes a second or more; start it now so that app.info, which the window
  // asks for first, rarely waits for it.
  const devices = core.availableDevices();
  devices.catch(() => {});
  const warn = deps.onWarning ?? (() => {});
  const videoInfos = new Map<string, VideoInfo>();
  const probe = async (videoPath: string): Promise<VideoInfo> => {
    const key = path.resolve(videoPath);
    const cached = videoInfos.get(key);
    if (cached) return cached;
    const info = await core.probeVideo(key);
    videoInfos.set(key, info);
    return info;
  };
  return {
    deps,
    core,
    listeners,
    emit: (event) => {
      for (const listener of [...listeners]) listener(event);
    },
    warn,
    devices,
    settings: new SettingsStore(deps.configDir ?? userConfigDir(), warn),
    spawnWorker: deps.spawnWorker ?? (() => spawnModuleWorker(defaultWorkerUrl())),
    projectManager: memoize(
      async () =>
        new ProjectManager({ dataDir: deps.dataDir ?? userDataDir(), colorOf: await core.trackColors(), probe }),
    ),
    videoInfos,
    probe,
    runQueue: createRunQueue(deps.maxConcurrentRuns),
    activeJobs: new Set(),
  };
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
