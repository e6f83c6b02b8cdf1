import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  JOB_BASE_LIMIT_MS,
  JOB_LIMIT_PER_FRAME_MS,
  JobDeadline,
  defaultJobTimeLimitMs,
} from '../../../core/queue/time-limit';

/** A queue job that never ends (a blocked output, a hung decoder) must not hold its worker forever. */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('JobDeadline', () => {
  it('scales the default limit to the frame count the first progress reports', async () => {
    const kill = vi.fn();
    const deadline = new JobDeadline('The job for a.mp4', undefined, kill, Date.now());
    deadline.onProgress({ done: 0, total: 300 });
    const limitMs = defaultJobTimeLimitMs(300);
    expect(limitMs).toBe(JOB_BASE_LIMIT_MS + 300 * JOB_LIMIT_PER_FRAME_MS);
    vi.advanceTimersByTime(limitMs - 1);
    expect(kill).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kill).toHaveBeenCalledTimes(1);
    await expect(deadline.expired).rejects.toThrow(
      'The job for a.mp4 ran past its time limit of 35.0 min and was stopped',
    );
  });

  it('stops a job that never reports progress after the base allowance', () => {
    const kill = vi.fn();
    new JobDeadline('The job for fifo.mp4', undefined, kill);
    vi.advanceTimersByTime(JOB_BASE_LIMIT_MS);
    expect(kill).toHaveBeenCalledTimes(1);
  });

  it('keeps a fixed limit whatever the video, and clear() stops it', () => {
    const kill = vi.fn();
    const fixed = new JobDeadline('The job for b.mp4', 60_000, kill);
    fixed.onProgress({ done: 0, total: 100_000 });
    vi.advanceTimersByTime(60_000);
    expect(kill).toHaveBeenCalledTimes(1);
    const cleared = new JobDeadline('The job for c.mp4', 60_000, kill);
    cleared.clear();
    vi.advanceTimersByTime(120_000);
    expect(kill).toHaveBeenCalledTimes(1);
  });
});
