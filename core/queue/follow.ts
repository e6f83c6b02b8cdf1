import { z } from 'zod';
import type { Queue } from 'bullmq';
import { bullmq } from './bullmq';
import type { BatchFileState } from '../api/pose-api';
import { BatchReportSaver, batchFileStates, type BatchReport, type BatchReportFile } from '../batch';
import type { Progress } from '../types';
import type { BatchRecord } from './batch-record';
import { QUEUE_NAME, connectionOptions } from './connection';
import type { TrackJobData, TrackJobResult } from './job-data';

/** Besides the queue's events, every unfinished job is looked up this often (events missed during a Redis restart). */
export const RECONCILE_INTERVAL_MS = 2_000;

export interface FollowHooks {
  /** Every change of a file's state or progress, with the overall progress in files. */
  onUpdate?(files: BatchFileState[], overall: Progress): void;
  /** Stops following (the jobs go on on the workers); the promise then resolves with the report so far. */
  signal?: AbortSignal;
}

type TrackQueue = Queue<TrackJobData, TrackJobResult>;
const FINAL: ReadonlySet<BatchReportFile['status']> = new Set(['done', 'skipped', 'failed', 'cancelled']);

/**
 * The report of a queued batch as the queue says it stands now; written to the batch's
 * batch-report.json (the same file and layout as the local batch).
 */
export async function batchStatus(queue: TrackQueue, record: BatchRecord): Promise<BatchReport> {
  const follower = new BatchFollower(queue, record, {});
  await follower.refreshAll();
  if (follower.finished()) follower.report.finishedAt ??= follower.lastFinishedAt() ?? new Date().toISOString();
  await follower.save();
  return follower.report;
}

/**
 * Follows a queued batch until every job has ended, keeping batch-report.json up to date as
 * workers anywhere take, advance and finish its jobs. Fed by BullMQ's queue events, with a
 * periodic look-up so nothing is missed while Redis restarts.
 */
export async function followBatch(
  queue: TrackQueue,
  queueUrl: string,
  record: BatchRecord,
  hooks: FollowHooks = {},
): Promise<BatchReport> {
  const follower = new BatchFollower(queue, record, hooks);
  const events = new (bullmq().QueueEvents)(QUEUE_NAME, { connection: connectionOptions(queueUrl) });
  events.on('error', () => {});
  const refresh = ({ jobId }: { jobId: string }) => void follower.refreshJob(jobId).catch(() => {});
  for (const event of ['active', 'completed', 'failed', 'waiting', 'delayed', 'stalled'] as const)
    events.on(event, refresh);
  events.on('progress', ({ jobId, data }) => follower.setProgress(jobId, data));
  try {
    await follower.refreshAll();
    await follower.save();
    while (!follower.finished() && !hooks.signal?.aborted) {
      await sleep(RECONCILE_INTERVAL_MS, hooks.signal);
      await follower.refreshAll();
    }
    if (follower.finished()) follower.report.finishedAt = new Date().toISOString();
    await follower.save();
    return follower.report;
  } finally {
    await events.close();
  }
}

class BatchFollower {
  readonly report: BatchReport;
  private readonly indexByJob = new Map<string, number>();
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly startMs = performance.now();
  private finishedHere = 0;
  private readonly saver: BatchReportSaver;

  constructor(
    private readonly queue: TrackQueue,
    record: BatchRecord,
    private readonly hooks: FollowHooks,
  ) {
    this.report = structuredClone(record.report);
    this.saver = new BatchReportSaver(this.report);
    record.jobIds.forEach((id, index) => id && this.indexByJob.set(id, index));
  }

  /** When the last of the batch's videos ended, from the jobs' own times. */
  lastFinishedAt(): string | undefined {
    const times = this.report.files.map((f) => f.finishedAt).filter((t): t is string => Boolean(t));
    return times.sort().at(-1);
  }

  finished(): boolean {
    return this.report.files.every((file) => FINAL.has(file.status));
  }

  async refreshAll(): Promise<void> {
    const open = [...this.indexByJob.keys()].filter(
      (id) => !FINAL.has(this.report.files[this.indexByJob.get(id)!].status),
    );
    for (const id of open) await this.refreshJob(id);
  }

  /** Looks a job up; look-ups of one job (an event and the periodic pass) run one after the other. */
  refreshJob(jobId: string): Promise<void> {
    const next = (this.refreshing.get(jobId) ?? Promise.resolve()).then(() => this.lookUp(jobId));
    this.refreshing.set(jobId, next);
    return next.finally(() => this.refreshing.get(jobId) === next && this.refreshing.delete(jobId));
  }

  private async lookUp(jobId: string): Promise<void> {
    const index = this.indexByJob.get(jobId);
    if (index === undefined) return;
    const file = this.report.files[index];
    if (FINAL.has(file.status)) return;
    const job = await this.queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    const before = file.status;
    if (!job || state === 'unknown') {
      Object.assign(file, {
        status: 'failed',
        error: `Job ${jobId} is no longer in the queue (removed by hand?); run the batch again.`,
      });
    } else if (state === 'completed') {
      const { frames, tracks, wallMs, startedAt, finishedAt } = jobResultOf(job.returnvalue);
      const progress = isProgress(job.progress) ? job.progress : file.progress;
      Object.assign(file, {
        status: 'done',
        frames,
        tracks,
        wallMs,
        startedAt,
        finishedAt,
        progress,
        error: undefined,
      });
    } else if (state === 'failed') {
      const startedAt = job.processedOn ? new Date(job.processedOn).toISOString() : undefined;
      const finishedAt = job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined;
      const wallMs = job.processedOn && job.finishedOn ? job.finishedOn - job.processedOn : undefined;
      Object.assign(file, {
        status: 'failed',
        error: String(job.failedReason).slice(0, MAX_ERROR_CHARS),
        startedAt,
        finishedAt,
        wallMs,
        progress: undefined,
      });
    } else if (state === 'active') {
      file.status = 'running';
      if (isProgress(job.progress)) file.progress = job.progress;
    } else {
      Object.assign(file, { status: 'pending', progress: undefined });
    }
    if (file.status === before) return;
    if (FINAL.has(file.status)) this.finishedHere += 1;
    this.notify();
    await this.save();
  }

  setProgress(jobId: string, data: unknown): void {
    const index = this.indexByJob.get(jobId);
    if (index === undefined || !isProgress(data)) return;
    const file = this.report.files[index];
    if (FINAL.has(file.status)) return;
    Object.assign(file, { status: 'running', progress: data });
    this.notify();
  }

  /** Saves are chained so an older snapshot never lands after a newer one. */
  save(): Promise<void> {
    return this.saver.save();
  }

  private notify(): void {
    if (!this.hooks.onUpdate) return;
    this.hooks.onUpdate(batchFileStates(this.report), this.overall());
  }

  /** Progress in files over all workers; the rate and ETA come from the videos finished while following. */
  private overall(): Progress {
    const files = this.report.files;
    const progress: Progress = { done: files.filter((f) => FINAL.has(f.status)).length, total: files.length };
    const elapsedS = (performance.now() - this.startMs) / 1000;
    if (this.finishedHere > 0 && elapsedS > 0) {
      const running = files.filter((f) => f.status === 'running');
      const runningFraction = running.reduce(
        (sum, f) => sum + (f.progress?.total ? f.progress.done / f.progress.total : 0),
        0,
      );
      progress.rate = this.finishedHere / elapsedS;
      progress.etaMs = (Math.max(0, progress.total - progress.done - runningFraction) / progress.rate) * 1000;
    }
    return progress;
  }
}

/** A failed job's error as the report keeps it (Redis may hold any string). */
const MAX_ERROR_CHARS = 2_000;

const JobResultSchema = z.object({
  frames: z.number().int().nonnegative(),
  tracks: z.number().int().nonnegative(),
  wallMs: z.number().nonnegative(),
  startedAt: z.string().max(40),
  finishedAt: z.string().max(40),
});

/** What a finished job returned, when it has the shape a worker returns; nothing otherwise. */
function jobResultOf(value: unknown): Partial<z.infer<typeof JobResultSchema>> {
  const parsed = JobResultSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

function isProgress(value: unknown): value is Progress {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Progress).done === 'number' &&
    typeof (value as Progress).total === 'number'
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
