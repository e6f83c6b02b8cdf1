import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../../core/pipeline/progress-meter';

describe('ProgressMeter', () => {
  it('measures the rate over the recent window and derives the ETA', () => {
    let nowMs = 0;
    const meter = new ProgressMeter(100, 1000, () => nowMs);
    expect(meter.update(0)).toEqual({ done: 0, total: 100 });
    // Slow start: 2 frames in the first second.
    nowMs = 1000;
    expect(meter.update(2).rate).toBeCloseTo(2, 6);
    // Then 10 frames per second: after the window has passed only the recent speed counts.
    for (let step = 1; step <= 4; step += 1) {
      nowMs = 1000 + step * 500;
      meter.update(2 + step * 5);
    }
    const progress = meter.update(22);
    expect(progress.rate).toBeCloseTo(10, 6);
    expect(progress.etaMs).toBeCloseTo(7800, 3);
  });

  it('reports no rate before any time has passed', () => {
    const meter = new ProgressMeter(10, 1000, () => 5);
    expect(meter.update(3, 'warming up')).toEqual({ done: 3, total: 10, message: 'warming up' });
  });
});
