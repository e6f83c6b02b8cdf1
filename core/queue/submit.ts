import { promises as fs } from 'node:fs';
import type { Queue, JobsOptions } from 'bullmq';
import { bullmq } from './bullmq';
import { planBatch, type BatchReport, type BatchReportFile, type PlanBatchOptions } from '../batch';
import { QUEUE_NAME, connectionOptions } from './connection';
import { saveBatchRecord, type BatchRecord } from './batch-record';
import { writeBatchMark } from './job-schema';
import {
  JOB_ATTEMPTS,
  KEEP_FINISHED_S,
  RETRY_DELAY_MS,
  batchIdFor,
  jobIdFor,
  type TrackJobData,
  type TrackJobResult,
} from './job-data';

export interface SubmittedBatch extends BatchRecord {
  /** Jobs this call added. */
  enqueued: number;
  /** Jobs already waiting or running (queued by an earlier run or from another machine). */
  alreadyQueued: number;
  /** Videos already complete: by the earlier report, or by a finished job whose output is in place. */
  complete: number;
}

type JobNeed = 'add' | 'queued' | 'complete';

const JOB_OPTIONS: JobsOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
  removeOnComplete: { age: KEEP_FINISHED_S },
  removeOnFail: { age: KEEP_FINISHED_S },
};

export function openQueue(queueUrl: string): Queue<TrackJobData, TrackJobResult> {
  const { Queue: BullQueue } = bullmq();
  const queue = new BullQueue<TrackJobData, TrackJobResult>(QUEUE_NAME, {
    connection: connectionOptions(queueUrl),
  });
  queue.on('error', () => {});
  return queue;
}

/**
 * Plans a batch exactly as the local batch does (core/batch: discovery, output paths, the earlier
 * report) and queues one job per video still to do. A job's id is its input, size, mtime, output
 * and settings (jobIdFor), so a video already queued, running or finished is not queued again;
 * one that failed is queued afresh, as the local batch retries failed videos.
 */
export async function submitBatch(
  queue: Queue<TrackJobData, TrackJobResult>,
  options: PlanBatchOptions,
  onWarning?: (m: string) => void,
): Promise<SubmittedBatch> {
  const report = await planBatch(options, onWarning);
  const batchId = batchIdFor(report.folder, report.outDir, report.settingsHash);
  await writeBatchMark(report.outDir, batchId);
  const jobIds: (string | null)[] = [];
  const toAdd: { name: string; data: TrackJobData; opts: JobsOptions }[] = [];
  const needs: Record<JobNeed | 'none', number> = { add: 0, queued: 0, complete: 0, none: 0 };
  for (const file of report.files) {
    if (file.status !== 'pending') {
      jobIds.push(null);
      needs.none += 1;
      continue;
    }
    const jobId = jobIdFor(file, report.settingsHash);
    jobIds.push(jobId);
    const need = await jobNeed(queue, jobId, file);
    needs[need] += 1;
    if (need === 'add')
      toAdd.push({ name: 'track', data: jobData(batchId, report, file), opts: { ...JOB_OPTIONS, jobId } });
  }
  if (toAdd.length > 0) await queue.addBulk(toAdd);
  const record: BatchRecord = { batchId, report, jobIds };
  await saveBatchRecord(queue, record);
  return { ...record, enqueued: needs.add, alreadyQueued: needs.queued, complete: needs.complete + needs.none };
}

/** Whether the queue already holds this job waiting or running, or finished with its output in place. */
async function jobNeed(
  queue: Queue<TrackJobData, TrackJobResult>,
  jobId: string,
  file: BatchReportFile,
): Promise<JobNeed> {
  const job = await queue.getJob(jobId);
  if (!job) return 'add';
  const state = await job.getState();
  if (state === 'completed' && (await isFile(file.output))) return 'complete';
  if (state === 'failed' || state === 'completed') {
    await job.remove();
    return 'add';
  }
  return state === 'unknown' ? 'add' : 'queued';
}

function jobData(batchId: string, report: BatchReport, file: BatchReportFile): TrackJobData {
  return {
    batchId,
    folder: report.folder,
    outDir: report.outDir,
    input: file.input,
    output: file.output,
    relativePath: file.relativePath,
    inputSizeBytes: file.inputSizeBytes,
    inputMtimeMs: file.inputMtimeMs,
    settings: report.settings,
    settingsHash: report.settingsHash,
    format: report.format,
    keypoints: report.keypoints,
  };
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
