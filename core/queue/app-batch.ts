import type { BatchFileState } from '../api/pose-api';
import { countStatuses, writeBatchReport, type BatchReport, type PlanBatchOptions } from '../batch';
import { abortError } from '../util/abort';
import type { Progress } from '../types';
import { checkRedis } from './connection';
import { followBatch } from './follow';
import { openQueue, submitBatch, type SubmittedBatch } from './submit';

export interface QueueBatchOptions extends PlanBatchOptions {
  queueUrl: string;
}

export interface QueueBatchHooks {
  onUpdate?(files: BatchFileState[], overall: Progress): void;
  /** Cancels: videos no worker has taken yet leave the queue and are marked 'cancelled'; running ones finish. */
  signal?: AbortSignal;
  onWarning?(message: string): void;
}

/**
 * The app's batch on a queue: submits the folder like `posetrail batch --queue` and follows it to
 * the end with the same report and updates as the local runBatch, so one table shows either.
 */
export async function runQueueBatch(options: QueueBatchOptions, hooks: QueueBatchHooks = {}): Promise<BatchReport> {
  await checkRedis(options.queueUrl);
  const queue = openQueue(options.queueUrl);
  try {
    const submitted = await submitBatch(queue, options, hooks.onWarning);
    const report = await followBatch(queue, options.queueUrl, submitted, {
      onUpdate: hooks.onUpdate,
      signal: hooks.signal,
    });
    if (hooks.signal?.aborted && !report.finishedAt) {
      await withdrawWaitingJobs(queue, submitted, report);
      throw abortError('Batch cancelled.');
    }
    return report;
  } finally {
    await queue.close();
  }
}

async function withdrawWaitingJobs(
  queue: ReturnType<typeof openQueue>,
  submitted: SubmittedBatch,
  report: BatchReport,
): Promise<void> {
  for (const [index, jobId] of submitted.jobIds.entries()) {
    const file = report.files[index];
    if (!jobId || file.status !== 'pending') continue;
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (!job || !['waiting', 'delayed', 'prioritized'].includes(state)) continue;
    // A worker may take it in between: then it stays and runs to the end.
    const removed = await job.remove().then(
      () => true,
      () => false,
    );
    if (removed) file.status = 'cancelled';
  }
  report.counts = countStatuses(report.files);
  report.updatedAt = new Date().toISOString();
  await writeBatchReport(report);
}
