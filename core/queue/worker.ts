import os from 'node:os';
import type { Job, Worker } from 'bullmq';
import { bullmq } from './bullmq';
import type { ExecutionDevice } from '../types';
import { QUEUE_NAME, connectionOptions, redactRedisUrl } from './connection';
import { JOB_ATTEMPTS, type TrackJobData, type TrackJobResult } from './job-data';
import type { ChildJob } from './child-protocol';
import { JobProcessPool, type JobRun } from './job-process';
import { ModelFetcher } from './models';
import { mapPath, type PathMapping } from './path-map';
import { JobDeadline } from './time-limit';
import { assertBatchMark, validateJobData } from './job-schema';
import { printable } from '../util/printable';

/** BullMQ's default lock: a worker silent this long (killed, cut off) loses its job to another. */
export const DEFAULT_STALL_MS = 30_000;
/** A job whose worker died this many times is failed instead of requeued once more. */
const MAX_STALLED_COUNT = 2;
/** At most one progress update per job per this many ms reaches Redis. */
const PROGRESS_INTERVAL_MS = 1_000;
/** Connection errors repeat while Redis is away: log one per this many ms. */
const ERROR_LOG_INTERVAL_MS = 5_000;

export interface QueueWorkerOptions {
  queueUrl: string;
  /** Jobs run at the same time, each in its own process. */
  concurrency: number;
  /** Overrides the device and CPU threads the batch was submitted with (they vary per machine). */
  device?: ExecutionDevice;
  threads?: number;
  pathMap: readonly PathMapping[];
  /** False: never download a missing model (the job fails saying how to install it). */
  download: boolean;
  /** Lock duration and stalled-job check interval; default DEFAULT_STALL_MS. */
  stallMs?: number;
  /** A job running longer is stopped and fails; default scaled to the video (time-limit.ts). */
  jobTimeLimitMs?: number;
  log(line: string): void;
}

interface ActiveJob {
  job: Job<TrackJobData, TrackJobResult>;
  token?: string;
  process: JobRun;
}

/**
 * A `posetrail worker`: takes track jobs from the queue, runs each in a process of its own
 * (job-process.ts) and writes outputs where the job says (mapped with --path-map). BullMQ keeps
 * each job locked while this worker lives; when it dies, the lock lapses and another worker's
 * stalled-job check puts the job back in the queue.
 */
export class QueueWorker {
  readonly name = `${os.hostname()}:${process.pid}`;
  private readonly worker: Worker<TrackJobData, TrackJobResult>;
  private readonly active = new Map<string, ActiveJob>();
  private handingBack = false;
  private lastErrorLogMs = 0;
  private readonly models: ModelFetcher;
  private readonly processes = new JobProcessPool();

  private readonly options: QueueWorkerOptions;

  constructor(options: QueueWorkerOptions) {
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    // Paths and errors come from Redis: nothing it holds may write escape sequences to the terminal.
    const log = options.log;
    this.options = { ...options, log: (line) => log(printable(line, true)) };
    this.models = new ModelFetcher(this.options.log);
    const { Worker: BullWorker } = bullmq();
    this.worker = new BullWorker<TrackJobData, TrackJobResult>(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: connectionOptions(options.queueUrl),
      concurrency: options.concurrency,
      name: this.name,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      maxStalledCount: MAX_STALLED_COUNT,
    });
    this.worker.on('error', (error) => this.logError(error));
    this.worker.on('ready', () =>
      options.log(
        `worker ${this.name}: connected to ${redactRedisUrl(options.queueUrl)}, ${options.concurrency} at a time`,
      ),
    );
  }

  /** Resolves once connected to Redis (rejects when the first connection fails). */
  waitUntilReady(): Promise<unknown> {
    return this.worker.waitUntilReady();
  }

  /** Takes no new job and resolves when the running ones have finished. */
  async finish(): Promise<void> {
    await this.worker.close();
    await this.processes.close();
  }

  /** Stops the running jobs at once and puts them back in the queue for another worker, then closes. */
  async handBack(): Promise<void> {
    this.handingBack = true;
    const closing = this.worker.close();
    await Promise.all([...this.active.values()].map((entry) => entry.process.kill()));
    await closing;
    await this.processes.close();
  }

  private async process(job: Job<TrackJobData, TrackJobResult>, token?: string): Promise<TrackJobResult> {
    const takenAtMs = Date.now();
    const data = this.checked(job);
    const input = mapPath(data.input, this.options.pathMap);
    const output = mapPath(data.output, this.options.pathMap);
    // attemptsMade counts failures: a job handed back or taken over from a dead worker keeps its number.
    const attempt = `attempt ${job.attemptsMade + 1}/${JOB_ATTEMPTS}`;
    this.options.log(`started ${input} (job ${job.id}, batch ${data.batchId}, ${attempt})`);
    try {
      await this.checkMark(data, String(job.id));
      const settings = this.settingsFor(data);
      if (this.options.download) await this.models.ensure([settings.detector, settings.poseModel]);
      if (this.handingBack) throw new Error('The worker is stopping.');
      let run: JobRun | undefined;
      const deadline = new JobDeadline(
        `The job for ${input}`,
        this.options.jobTimeLimitMs,
        () => void run?.kill(),
        takenAtMs,
      );
      run = this.startProcess(
        job,
        { input, output, settings, format: data.format, keypoints: data.keypoints },
        deadline,
      );
      this.active.set(job.id!, { job, token, process: run });
      const { frames, tracks } = await Promise.race([run.done, deadline.expired]).finally(() => deadline.clear());
      const finishedAtMs = Date.now();
      this.options.log(`done ${input} → ${output} in ${((finishedAtMs - takenAtMs) / 1000).toFixed(1)} s`);
      return {
        frames,
        tracks,
        wallMs: finishedAtMs - takenAtMs,
        startedAt: new Date(takenAtMs).toISOString(),
        finishedAt: new Date(finishedAtMs).toISOString(),
        worker: this.name,
        takenAtMs,
        childReadyAtMs: await run.ready,
      };
    } catch (error) {
      if (this.handingBack) {
        await job.moveToWait(token);
        this.options.log(`handed back ${input} (job ${job.id})`);
        throw new (bullmq().WaitingError)();
      }
      this.options.log(`failed ${input} (${attempt}): ${(error as Error).message}`);
      throw error;
    } finally {
      this.active.delete(job.id!);
    }
  }

  /** The job's data, validated (job-schema.ts); a malformed job fails at once, without retries. */
  private checked(job: Job<TrackJobData, TrackJobResult>): TrackJobData {
    try {
      return validateJobData(job.data, String(job.id), (file) => mapPath(file, this.options.pathMap));
    } catch (error) {
      this.options.log(`refused job ${job.id}: ${(error as Error).message}`);
      throw new (bullmq().UnrecoverableError)((error as Error).message);
    }
  }

  /** The output folder must carry the batch's mark; a job aimed elsewhere fails at once, without retries. */
  private async checkMark(data: TrackJobData, jobId: string): Promise<void> {
    try {
      await assertBatchMark(mapPath(data.outDir, this.options.pathMap), data.batchId, jobId);
    } catch (error) {
      this.options.log(`refused job ${jobId}: ${(error as Error).message}`);
      throw new (bullmq().UnrecoverableError)((error as Error).message);
    }
  }

  /** The batch's settings with this machine's device and thread count, when given. */
  private settingsFor(data: TrackJobData): TrackJobData['settings'] {
    return {
      ...data.settings,
      ...(this.options.device && { device: this.options.device }),
      ...(this.options.threads !== undefined && { threads: this.options.threads }),
    };
  }

  /** Runs the job in its own process; progress reaches Redis at most once per PROGRESS_INTERVAL_MS. */
  private startProcess(
    job: Job<TrackJobData, TrackJobResult>,
    childJob: Omit<ChildJob, 'defaultThreads'>,
    deadline: JobDeadline,
  ): JobRun {
    const defaultThreads = Math.max(1, Math.floor(os.availableParallelism() / this.options.concurrency));
    let lastProgressMs = 0;
    return this.processes.run(
      { ...childJob, defaultThreads },
      {
        onProgress: (progress) => {
          deadline.onProgress(progress);
          const now = Date.now();
          if (now - lastProgressMs < PROGRESS_INTERVAL_MS && progress.done < progress.total) return;
          lastProgressMs = now;
          job.updateProgress({ ...progress }).catch(() => {});
        },
        onWarning: (message) => this.options.log(`warning ${childJob.input}: ${message}`),
      },
    );
  }

  private logError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLogMs < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLogMs = now;
    this.options.log(`worker ${this.name}: queue connection problem (${error.message}); retrying`);
  }
}
