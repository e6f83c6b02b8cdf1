import type { Progress } from '../types';

/**
 * How long one queue job may run before its process is killed and the job fails (BullMQ then
 * retries it, up to its attempts). Without a limit a job that never ends (an output that blocks,
 * a decoder that hangs) held its worker's slot forever. The default grows with the video: a fixed
 * allowance for starting, probing and loading models, plus a generous time per frame (HRNet-W48
 * on two CPU cores with a crowd manages about one frame a second).
 */
export const JOB_BASE_LIMIT_MS = 10 * 60_000;
export const JOB_LIMIT_PER_FRAME_MS = 5_000;

/** The default limit once the job's frame count is known (before that, the base alone). */
export function defaultJobTimeLimitMs(totalFrames: number | undefined): number {
  return JOB_BASE_LIMIT_MS + Math.max(0, totalFrames ?? 0) * JOB_LIMIT_PER_FRAME_MS;
}

export class JobTimeLimitError extends Error {}

/**
 * A job's deadline, counted from its start: fixed when `fixedLimitMs` is given (`worker
 * --job-time-limit`), else scaled to the frame count the job's first progress reports.
 * `expired` rejects when it passes, after `onExpire` (which kills the job's process).
 */
export class JobDeadline {
  readonly expired: Promise<never>;
  private timer: NodeJS.Timeout | undefined;
  private limitMs: number;
  private scaled = false;
  private fail: (error: Error) => void = () => {};

  constructor(
    private readonly what: string,
    private readonly fixedLimitMs: number | undefined,
    private readonly onExpire: () => void,
    private readonly startedAtMs = Date.now(),
  ) {
    this.limitMs = fixedLimitMs ?? defaultJobTimeLimitMs(undefined);
    this.expired = new Promise<never>((_, reject) => (this.fail = reject));
    this.expired.catch(() => {});
    this.schedule();
  }

  /** Scales the default limit to the video once the job reports how many frames it has. */
  onProgress(progress: Progress): void {
    if (this.fixedLimitMs !== undefined || this.scaled || !(progress.total > 0)) return;
    this.scaled = true;
    this.limitMs = defaultJobTimeLimitMs(progress.total);
    this.schedule();
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const leftMs = Math.max(0, this.startedAtMs + this.limitMs - Date.now());
    this.timer = setTimeout(() => {
      this.onExpire();
      const minutes = (this.limitMs / 60_000).toFixed(1);
      this.fail(
        new JobTimeLimitError(
          `${this.what} ran past its time limit of ${minutes} min and was stopped (worker --job-time-limit sets another).`,
        ),
      );
    }, leftMs);
    this.timer.unref();
  }
}
