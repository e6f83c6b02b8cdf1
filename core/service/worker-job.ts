import type { Worker } from 'node:worker_threads';
import { ApiError, ERROR_CODES, fromErrorData } from '../api/errors';
import type { FromWorker, ToWorker, WorkerJob, WorkerJobKind, WorkerUpdate, WorkerValue } from './worker-protocol';

/** How long a cancelled job may take to stop on its own before its thread is terminated. */
export const CANCEL_GRACE_MS = 5_000;

export interface WorkerJobHandle<K extends WorkerJobKind = WorkerJobKind> {
  /** Resolves with the job's value; rejects with an ApiError (code CANCELLED when cancelled). */
  done: Promise<WorkerValue<K>>;
  cancel(): void;
}

/** Runs one job in a fresh worker thread and forwards its messages; the thread ends with the job. */
export function runWorkerJob<K extends WorkerJobKind>(
  spawn: () => Worker,
  job: WorkerJob<K>,
  onMessage: (message: WorkerUpdate) => void,
): WorkerJobHandle<K> {
  const worker = spawn();
  let settled = false;
  let cancelled = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;

  const done = new Promise<WorkerValue<K>>((resolve, reject) => {
    const finish = (error: Error | null, value?: WorkerValue<K>) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(value as WorkerValue<K>);
    };
    worker.on('message', (message: FromWorker<K>) => {
      if (message.type === 'done') finish(null, message.value);
      else if (message.type === 'error') finish(fromErrorData(message.error));
      else if (!settled) onMessage(message);
    });
    worker.on('error', (error) =>
      finish(new ApiError(ERROR_CODES.internal, `The worker thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) => {
      finish(
        cancelled
          ? new ApiError(ERROR_CODES.cancelled, 'Cancelled.')
          : new ApiError(ERROR_CODES.internal, `The worker thread stopped unexpectedly (exit code ${code}).`),
      );
    });
  });

  worker.postMessage({ type: 'start', job: job as WorkerJob } satisfies ToWorker);
  return {
    done,
    cancel: () => {
      if (settled || cancelled) return;
      cancelled = true;
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      killTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      killTimer.unref();
    },
  };
}
