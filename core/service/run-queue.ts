import type { Worker } from 'node:worker_threads';
import { ApiError, ERROR_CODES } from '../api/errors';
import { runWorkerJob, type WorkerJobHandle } from './worker-job';
import type { Progress } from '../types';
import type { WorkerJob, WorkerJobKind, WorkerUpdate } from './worker-protocol';

/**
 * Tracking runs and batches share one queue: each holds a worker thread with its models (memory
 * figures in the README's Benchmarks), so at most
 * `maxRunning` run at once and the rest wait in arrival order, reporting how many runs are ahead
 * of them. A queue that already holds `maxWaiting` refuses more as BUSY.
 */

export const DEFAULT_MAX_CONCURRENT_RUNS = 2;
export const MAX_WAITING_RUNS = 32;

/** What a waiting run reports in place of its progress. */
export function waitingProgress(ahead: number): Progress {
  return {
    done: 0,
    total: 0,
    waitingForRuns: ahead,
    message: `Waiting for ${ahead === 1 ? 'another run' : `${ahead} other runs`} to finish`,
  };
}

export interface RunQueue {
  /** Starts the job when a slot is free; `onWaiting(ahead)` reports its place while it waits. */
  start<K extends WorkerJobKind>(
    spawn: () => Worker,
    job: WorkerJob<K>,
    onMessage: (message: WorkerUpdate) => void,
    onWaiting: (ahead: number) => void,
  ): WorkerJobHandle<K>;
  /** Runs holding a slot, and runs waiting for one. */
  counts(): { running: number; waiting: number };
}

interface Waiter {
  begin(): void;
  onWaiting(ahead: number): void;
}

export function createRunQueue(maxRunning = DEFAULT_MAX_CONCURRENT_RUNS, maxWaiting = MAX_WAITING_RUNS): RunQueue {
  if (!Number.isInteger(maxRunning) || maxRunning < 1)
    throw new Error(`Invalid maximum of concurrent runs ${maxRunning}. Should be an integer of at least 1.`);
  let running = 0;
  const waiting: Waiter[] = [];
  const reportPlaces = () => waiting.forEach((waiter, index) => waiter.onWaiting(running - maxRunning + 1 + index));
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next.begin();
    }
    reportPlaces();
  };

  function start<K extends WorkerJobKind>(
    spawn: () => Worker,
    job: WorkerJob<K>,
    onMessage: (message: WorkerUpdate) => void,
    onWaiting: (ahead: number) => void,
  ): WorkerJobHandle<K> {
    if (running >= maxRunning && waiting.length >= maxWaiting) {
      throw new ApiError(
        ERROR_CODES.busy,
        `Too many runs at once (${maxRunning} running, ${maxWaiting} waiting); try again when one has finished.`,
      );
    }
    const state: { inner?: WorkerJobHandle<K>; cancelWaiting?: () => void } = {};
    const done = new Promise<WorkerJobHandle<K>>((resolve, reject) => {
      const begin = () => {
        try {
          resolve((state.inner = runWorkerJob(spawn, job, onMessage)));
        } catch (error) {
          // The thread could not start (a script failed its check): the run fails, its slot frees.
          reject(error);
          release();
        }
      };
      if (running < maxRunning) {
        running += 1;
        begin();
        return;
      }
      const waiter: Waiter = { begin, onWaiting };
      waiting.push(waiter);
      state.cancelWaiting = () => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new ApiError(ERROR_CODES.cancelled, 'Cancelled while waiting for another run to finish.'));
        reportPlaces();
      };
      reportPlaces();
    }).then((handle) => handle.done.finally(release));
    return {
      done,
      cancel: () => {
        if (state.inner) state.inner.cancel();
        else state.cancelWaiting?.();
        state.cancelWaiting = undefined;
      },
    };
  }
  return { start, counts: () => ({ running, waiting: waiting.length }) };
}
