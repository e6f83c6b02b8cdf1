import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ActiveRun, PoseApi, TrackSettings } from '../../api/pose-api';
import type { ExecutionDevice } from '../../types';
import { ApiError, ERROR_CODES, toErrorData } from '../../api/errors';
import type { ServiceContext } from '../service-context';
import type { WorkerJobHandle } from '../worker-job';
import type { WorkerUpdate } from '../worker-protocol';
import { waitingProgress } from '../run-queue';
import type { Progress } from '../../types';

/**
 * 'auto' on a machine where the device probe found no working GPU provider runs on the CPU
 * directly: told 'auto', each model session would try every GPU provider first, printing the GPU
 * libraries' own noise on the host's stderr and a fallback note per model (the CLI does the same).
 */
async function runDevice(settings: TrackSettings, devices: Promise<ExecutionDevice[]>): Promise<TrackSettings> {
  if (settings.device !== 'auto') return settings;
  const usable = await devices.catch((): ExecutionDevice[] => ['cpu']);
  return usable.some((d) => d !== 'cpu') ? settings : { ...settings, device: 'cpu' };
}

export function trackingDomain({
  emit,
  warn,
  probe,
  spawnWorker,
  projectManager,
  activeJobs,
  devices,
  runQueue,
}: ServiceContext): PoseApi['tracking'] {
  const runs = new Map<string, WorkerJobHandle<'track'>>();
  /** What a window opened mid-run (a reload, a second tab) needs to show the run. */
  const activeRuns = new Map<string, ActiveRun>();
  return {
    start: async (videoPath, trackSettings) => {
      const absolute = path.resolve(videoPath);
      await probe(absolute);
      const settings = await runDevice(trackSettings, devices);
      const runId = randomUUID();
      activeRuns.set(runId, { runId, videoPath: absolute, progress: { done: 0, total: 0 }, startedAtMs: Date.now() });
      const report = (progress: Progress) => {
        const run = activeRuns.get(runId);
        if (run) activeRuns.set(runId, { ...run, progress });
        emit({ type: 'tracking-progress', runId, progress });
      };
      const job = { kind: 'track', videoPath: absolute, settings } as const;
      const onMessage = (message: WorkerUpdate) => {
        if (message.type === 'progress') report(message.progress);
        else if (message.type === 'frames') emit({ type: 'tracking-frames', runId, frames: message.frames });
        else if (message.type === 'warning') warn(message.message);
      };
      let handle: WorkerJobHandle<'track'>;
      try {
        handle = runQueue.start(spawnWorker, job, onMessage, (ahead) => report(waitingProgress(ahead)));
      } catch (error) {
        activeRuns.delete(runId);
        throw error;
      }
      runs.set(runId, handle);
      activeJobs.add(handle);
      handle.done
        .then(async (value) => {
          const { result, summary } = value;
          await (await projectManager()).replaceResult(absolute, result);
          emit({ type: 'tracking-done', runId, videoPath: absolute, summary });
        })
        .catch((error: unknown) =>
          emit({ type: 'tracking-error', runId, videoPath: absolute, error: toErrorData(error) }),
        )
        .finally(() => {
          runs.delete(runId);
          activeRuns.delete(runId);
          activeJobs.delete(handle);
        });
      return { runId };
    },
    cancel: async (runId) => {
      const run = runs.get(runId);
      if (!run) throw new ApiError(ERROR_CODES.notFound, `No tracking run ${runId} is in progress.`);
      run.cancel();
    },
    list: async () => [...activeRuns.values()],
  };
}
