import { describe, expect, it } from 'vitest';
import { mergeBoxes } from '../../../core/pipeline/merge-boxes';
import type { CandidateBox } from '../../../core/pipeline/types';

const det = (x: number, score = 0.9) => ({ x, y: 0, w: 100, h: 200, score });
const prop = (x: number, score: number, detectorMisses = 0): CandidateBox => ({
  x,
  y: 0,
  w: 100,
  h: 200,
  score,
  source: 'propagated',
  detectorMisses,
});

describe('mergeBoxes', () => {
  it('keeps every detection and drops propagated boxes that overlap one', () => {
    const merged = mergeBoxes([det(0), det(500)], [prop(10, 0.99), prop(1000, 0.7, 2)]);
    expect(merged.map((b) => [b.x, b.source, b.detectorMisses])).toEqual([
      [0, 'detector', 0],
      [500, 'detector', 0],
      // The detector missed this one on a frame where it ran: one more miss.
      [1000, 'propagated', 3],
    ]);
  });

  it('suppresses overlapping propagated boxes by score', () => {
    const merged = mergeBoxes([], [prop(0, 0.5), prop(20, 0.9), prop(300, 0.4)]);
    expect(merged.map((b) => [b.x, b.score])).toEqual([
      [20, 0.9],
      [300, 0.4],
    ]);
  });

  it('does not count a miss on frames where the detector did not run', () => {
    const merged = mergeBoxes(null, [prop(0, 0.8, 4)]);
    expect(merged).toEqual([prop(0, 0.8, 4)]);
  });

  it('keeps a propagated box whose overlap stays under the threshold', () => {
    // IoU of boxes shifted by 40 of 100 px: 60·200 / (2·100·200 − 60·200) = 0.4286.
    expect(mergeBoxes([det(0)], [prop(40, 0.8)], 0.5)).toHaveLength(2);
    expect(mergeBoxes([det(0)], [prop(40, 0.8)], 0.4)).toHaveLength(1);
  });

  it('handles empty inputs', () => {
    expect(mergeBoxes([], [])).toEqual([]);
    expect(mergeBoxes(null, [])).toEqual([]);
  });
});

describe('mergeBoxes containment', () => {
  it('drops a propagated box lying inside a much wider detection (arms raised)', () => {
    // Last frame's box 100 wide; now the arms are up and the detection is 300 wide: IoU 1/3.
    const detection = { x: 0, y: 0, w: 300, h: 200, score: 0.9 };
    expect(mergeBoxes([detection], [prop(100, 0.8)])).toHaveLength(1);
    // Half inside only: a different person beside the detected one is kept.
    expect(mergeBoxes([detection], [prop(250, 0.8)])).toHaveLength(2);
  });
});
