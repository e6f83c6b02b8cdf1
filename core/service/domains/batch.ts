import { randomUUID } from 'node:crypto';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES, toErrorData } from '../../api/errors';
import type { ServiceContext } from '../service-context';
import type { WorkerJobHandle } from '../worker-job';
import { waitingProgress } from '../run-queue';
import type { WorkerValue } from '../worker-protocol';

export function batchDomain({ emit, warn, spawnWorker, activeJobs, runQueue }: ServiceContext): PoseApi['batch'] {
  const batches = new Map<string, WorkerJobHandle<'batch'>>();
  return {
    start: async (options) => {
      const batchId = randomUUID();
      let last: WorkerValue<'batch'> = { files: [], overall: { done: 0, total: 0 } };
      const handle = runQueue.start(
        spawnWorker,
        { kind: 'batch', options },
        (message) => {
          if (message.type === 'batch-update') {
            last = { files: message.files, overall: message.overall };
            emit({ type: 'batch-update', batchId, ...last, finished: false });
          } else if (message.type === 'warning') warn(message.message);
        },
        (ahead) =>
          emit({ type: 'batch-update', batchId, files: last.files, overall: waitingProgress(ahead), finished: false }),
      );
      batches.set(batchId, handle);
      activeJobs.add(handle);
      handle.done
        .then((final) => {
          emit({ type: 'batch-update', batchId, files: final.files, overall: final.overall, finished: true });
        })
        .catch((error: unknown) => {
          // The whole batch stopped (cancelled, or the folder could not be read): files not yet
          // finished are reported with the reason so the table never shows them as running.
          const { message } = toErrorData(error);
          const cancelled = (error as ApiError).code === ERROR_CODES.cancelled;
          const files = last.files.map((file) =>
            file.status === 'pending' || file.status === 'running'
              ? { ...file, status: cancelled ? ('cancelled' as const) : ('failed' as const), error: message }
              : file,
          );
          emit({ type: 'batch-update', batchId, files, overall: { ...last.overall, message }, finished: true });
        })
        .finally(() => {
          batches.delete(batchId);
          activeJobs.delete(handle);
        });
      return { batchId };
    },
    cancel: async (batchId) => {
      const batch = batches.get(batchId);
      if (!batch) throw new ApiError(ERROR_CODES.notFound, `No batch ${batchId} is in progress.`);
      batch.cancel();
    },
  };
}
