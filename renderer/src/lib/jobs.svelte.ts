import type { ActiveRun, PoseApi, PoseEvent } from '../../../core/api/pose-api';
import { ERROR_CODES } from '../../../core/api/errors';

/** A run that ended while this window was open: what the jobs list shows after the progress bar goes. */
export interface FinishedRun {
  runId: string;
  videoPath: string;
  outcome: 'done' | 'failed' | 'cancelled';
  /** Frames tracked (done runs). */
  frames?: number;
  wallMs?: number;
  endedAtMs: number;
}

/** Finished runs kept in the list, newest first. */
export const FINISHED_RUNS_SHOWN = 5;

/**
 * Every tracking run the back end is working on, whichever window started it: filled from
 * `tracking.list()` on start-up (so a reload or a second tab sees a run in progress) and kept
 * current by the run events.
 */
export class JobsStore {
  runs = $state.raw<ActiveRun[]>([]);
  finished = $state.raw<FinishedRun[]>([]);
  private listing: Promise<void> | null = null;

  /** `onNewRuns` runs when the list gains runs (a run started in another window, or before a reload). */
  constructor(
    private readonly api: PoseApi,
    private readonly onNewRuns: () => void = () => {},
  ) {
    api.onEvent((event) => this.onEvent(event));
  }

  /** Asks the back end for the runs in progress (once at a time). */
  refresh(): Promise<void> {
    this.listing ??= this.api.tracking
      .list()
      .then(
        (runs) => {
          const known = new Set(this.runs.map((r) => r.runId));
          this.runs = runs;
          if (runs.some((r) => !known.has(r.runId))) this.onNewRuns();
        },
        () => undefined,
      )
      .finally(() => (this.listing = null));
    return this.listing;
  }

  runFor(videoPath: string | null): ActiveRun | null {
    return this.runs.find((r) => r.videoPath === videoPath) ?? null;
  }

  private onEvent(event: PoseEvent): void {
    switch (event.type) {
      case 'tracking-progress': {
        const known = this.runs.some((r) => r.runId === event.runId);
        if (!known) void this.refresh();
        else this.runs = this.runs.map((r) => (r.runId === event.runId ? { ...r, progress: event.progress } : r));
        break;
      }
      case 'tracking-done':
        this.finish({
          runId: event.runId,
          videoPath: event.videoPath,
          outcome: 'done',
          frames: event.summary.frames,
          wallMs: event.summary.wallMs,
          endedAtMs: Date.now(),
        });
        break;
      case 'tracking-error':
        this.finish({
          runId: event.runId,
          videoPath: event.videoPath,
          outcome: event.error.code === ERROR_CODES.cancelled ? 'cancelled' : 'failed',
          endedAtMs: Date.now(),
        });
        break;
    }
  }

  /** Forgets the finished runs (the list's Clear). */
  clearFinished(): void {
    this.finished = [];
  }

  private finish(run: FinishedRun): void {
    this.runs = this.runs.filter((r) => r.runId !== run.runId);
    this.finished = [run, ...this.finished.filter((r) => r.runId !== run.runId)].slice(0, FINISHED_RUNS_SHOWN);
  }
}
