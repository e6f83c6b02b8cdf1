import type { Progress } from '../types';
import { RATE_WINDOW_MS } from './constants';

/**
 * Turns "n of total done" into a Progress with a rate and an ETA measured over a recent window
 * only, so the estimate follows the current speed (model warm-up, a crowded scene) rather than
 * the average since the start.
 */
export class ProgressMeter {
  private readonly samples: { timeMs: number; done: number }[] = [];

  constructor(
    private readonly total: number,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(done: number, message?: string): Progress {
    const timeMs = this.now();
    this.samples.push({ timeMs, done });
    // Keep one sample older than the window, so the rate always spans the whole window.
    while (this.samples.length > 2 && this.samples[1].timeMs <= timeMs - this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const elapsedMs = timeMs - first.timeMs;
    const progress: Progress = { done, total: this.total };
    if (elapsedMs > 0 && done > first.done) {
      const rate = ((done - first.done) * 1000) / elapsedMs;
      progress.rate = rate;
      progress.etaMs = (Math.max(0, this.total - done) / rate) * 1000;
    }
    if (message !== undefined) progress.message = message;
    return progress;
  }
}
