import { describe, expect, it } from 'vitest';
import { runSpeedLine, runSpeedOf } from '../../../renderer/src/lib/run-speed';
import type { RunSummary } from '../../../core/api/pose-api';

const summary = (frames: number, wallMs: number): RunSummary => ({
  frames,
  persons: 400,
  tracks: 3,
  wallMs,
  stageMs: {},
  executionProvider: 'cpu',
  warnings: [],
});
const names: Record<string, string> = {
  'yolox-nano-416': 'YOLOX-Nano 416',
  'simplepose-nano': 'SimplePose-Nano 256×192',
};

describe('the speed Settings shows: a real run, not an estimate', () => {
  it("states the last run's frames per second for both of its models, naming the other", () => {
    const speed = runSpeedOf({ detector: 'yolox-nano-416', pose: 'simplepose-nano' }, summary(230, 23_234));
    expect(runSpeedLine(speed, 'simplepose-nano', (id) => names[id])).toBe(
      '9.9 video frames/s in the last run (230 frames, cpu) with YOLOX-Nano 416',
    );
    expect(runSpeedLine(speed, 'yolox-nano-416', (id) => names[id])).toBe(
      '9.9 video frames/s in the last run (230 frames, cpu) with SimplePose-Nano 256×192',
    );
    expect(runSpeedLine(speed, 'hrnet-w32-coco-256x192', (id) => id)).toBe('');
    expect(runSpeedLine(runSpeedOf({ detector: 'a', pose: 'b' }, summary(230, 10_000)), 'a', (id) => id)).toMatch(
      /^23 video frames\/s/,
    );
  });

  it('shows nothing before any run, or for an empty one', () => {
    expect(runSpeedLine(null, 'simplepose-nano', (id) => id)).toBe('');
    expect(runSpeedOf({ detector: 'a', pose: 'b' }, summary(0, 0))).toBeNull();
  });
});
