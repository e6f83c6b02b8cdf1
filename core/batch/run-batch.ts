import os from 'node:os';
import type { BatchFileState } from '../api/pose-api';
import type { Progress } from '../types';
import { abortError, isAbortError } from '../util/abort';
import { planBatch, type PlanBatchOptions } from './plan-batch';
import type { BatchReport, BatchReportFile } from './report';
import { BatchReportSaver, batchFileStates } from './report-saver';
import { trackFile, type TrackFileOptions } from './track-file';

export interface RunBatchOptions extends PlanBatchOptions {
  /** Videos processed at the same time (each with its own model sessions); default 1. */
  jobs?: number;
}

export interface BatchHooks {
  /** Every change of a file's state or progress, with the overall progress in files. */
  onUpdate?(files: BatchFileState[], overall: Progress): void;
  /** Cancels: running videos stop and are marked 'cancelled', the report is saved, the promise rejects with an AbortError. */
  signal?: AbortSignal;
  onWarning?(message: string): void;
  /**
   * Runs once the folder is known to hold videos that need tracking, before the first starts
   * (the CLI fetches missing models here, so an empty or finished folder never downloads any).
   */
  beforeQueue?(): Promise<void>;
}

/**
 * Tracks every video of a folder, one output per video under `outDir` mirroring the folder
 * structure, with `batch-report.json` in `outDir` saved atomically whenever a video starts or ends.
 * A video that fails is recorded and the batch goes on. Re-running skips the videos the report
 * shows finished with unchanged input and settings, so an interrupted batch resumes where it
 * stopped. Resolves with the final report; check its `counts.failed`.
 */
export async function runBatch(options: RunBatchOptions, hooks: BatchHooks = {}): Promise<BatchReport> {
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`Invalid jobs ${jobs}. Should be an integer ≥ 1.`);
  const report = await planBatch(options, hooks.onWarning);
  const { files } = report;
  if (hooks.beforeQueue && files.some((file) => file.status === 'pending')) await hooks.beforeQueue();
  const session = new BatchSession(report, { ...options, jobs }, hooks);
  await session.save();
  session.notify();
  await session.runQueue();
  if (hooks.signal?.aborted) throw abortError('Batch cancelled.');
  report.finishedAt = new Date().toISOString();
  await session.save();
  return report;
}

/** The mutable state of one batch run: the report, its saving, the queue and the notifications. */
class BatchSession {
  private readonly runStartMs = performance.now();
  private processedWallMs = 0;
  private processedCount = 0;
  private readonly saver: BatchReportSaver;

  constructor(
    private readonly report: BatchReport,
    private readonly options: RunBatchOptions & { jobs: number },
    private readonly hooks: BatchHooks,
  ) {
    this.saver = new BatchReportSaver(report);
  }

  /** Saves are chained so an older snapshot never lands after a newer one. */
  save(): Promise<void> {
    return this.saver.save();
  }

  notify(): void {
    if (!this.hooks.onUpdate) return;
    this.hooks.onUpdate(batchFileStates(this.report), this.overall());
  }

  async runQueue(): Promise<void> {
    const queue = this.report.files.filter((file) => file.status === 'pending');
    const worker = async () => {
      for (let file = queue.shift(); file && !this.hooks.signal?.aborted; file = queue.shift())
        await this.process(file);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.jobs, queue.length) }, worker));
  }

  private async process(file: BatchReportFile): Promise<void> {
    const startMs = performance.now();
    Object.assign(file, {
      status: 'running',
      startedAt: new Date().toISOString(),
      progress: undefined,
      error: undefined,
    });
    await this.save();
    this.notify();
    try {
      const { frames, tracks } = await trackFile(
        file.input,
        file.output,
        { ...this.fileOptions(), reexportFrom: file.reexportFrom },
        {
          signal: this.hooks.signal,
          onProgress: (progress) => {
            file.progress = progress;
            this.notify();
          },
          onWarning: (message) => this.hooks.onWarning?.(`${file.relativePath}: ${message}`),
        },
      );
      Object.assign(file, { status: 'done', frames, tracks });
    } catch (error) {
      const cancelled = isAbortError(error) && this.hooks.signal?.aborted;
      Object.assign(file, {
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? undefined : errorMessage(error),
      });
    }
    file.wallMs = performance.now() - startMs;
    file.finishedAt = new Date().toISOString();
    if (file.status === 'done' || file.status === 'failed') {
      this.processedWallMs += file.wallMs;
      this.processedCount += 1;
    }
    await this.save();
    this.notify();
  }

  /** Without a thread count, parallel jobs share the cores instead of each taking all of them. */
  private fileOptions(): TrackFileOptions {
    const { settings, format, keypoints, jobs } = this.options;
    return {
      settings,
      format,
      keypoints,
      ...(jobs > 1 && { defaultThreads: Math.max(1, Math.floor(os.availableParallelism() / jobs)) }),
    };
  }

  /** Progress in files; the ETA uses the mean time of the videos processed so far. */
  private overall(): Progress {
    const files = this.report.files;
    const finished = files.filter((f) => f.status !== 'pending' && f.status !== 'running').length;
    const progress: Progress = { done: finished, total: files.length };
    const elapsedS = (performance.now() - this.runStartMs) / 1000;
    if (this.processedCount > 0 && elapsedS > 0) {
      const remaining = files.filter((f) => f.status === 'pending' || f.status === 'running').length;
      const running = files.filter((f) => f.status === 'running');
      const runningFraction = running.reduce(
        (sum, f) => sum + (f.progress?.total ? f.progress.done / f.progress.total : 0),
        0,
      );
      const meanMs = this.processedWallMs / this.processedCount;
      progress.rate = this.processedCount / elapsedS;
      progress.etaMs = (Math.max(0, remaining - runningFraction) * meanMs) / this.options.jobs;
    }
    return progress;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
