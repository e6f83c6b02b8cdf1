import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES, toErrorData } from '../../api/errors';
import type { ServiceContext } from '../service-context';
import { runWorkerJob, type WorkerJobHandle } from '../worker-job';

export function trackingDomain({ emit, warn, probe, spawnWorker, projectManager, activeJobs }: ServiceContext): PoseApi['tracking'] {
  const runs = new Map<string, WorkerJobHandle<'track'>>();
  return {
    start: async (videoPath, trackSettings) => {
      const absolute = path.resolve(videoPath);
      await probe(absolute);
      const runId = randomUUID();
      const handle = runWorkerJob(spawnWorker, { kind: 'track', videoPath: absolute, settings: trackSettings }, (message) => {
        if (message.type === 'progress') emit({ type: 'tracking-progress', runId, progress: message.progress });
        else if (message.type === 'frames') emit({ type: 'tracking-frames', runId, frames: message.frames });
        else if (message.type === 'warning') warn(message.message);
      });
      runs.set(runId, handle);
      activeJobs.add(handle);
      handle.done
        .then(async (value) => {
          const { result, summary } = value;
          await (await projectManager()).replaceResult(absolute, result);
          emit({ type: 'tracking-done', runId, videoPath: absolute, summary });
        })
        .catch((error: unknown) => emit({ type: 'tracking-error', runId, videoPath: absolute, error: toErrorData(error) }))
        .finally(() => {
          runs.delete(runId);
          activeJobs.delete(handle);
        });
      return { runId };
    },
    cancel: async (runId) => {
      const run = runs.get(runId);
      if (!run) throw new ApiError(ERROR_CODES.notFound, `No tracking run ${runId} is in progress.`);
      run.cancel();
    },
  };
}
