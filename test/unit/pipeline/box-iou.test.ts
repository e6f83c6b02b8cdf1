import { describe, expect, it } from 'vitest';
import { boxIou } from '../../../core/pipeline/box-iou';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h, score: 1 });

describe('boxIou', () => {
  it('is 1 for identical boxes and 0 for disjoint or touching ones', () => {
    expect(boxIou(box(10, 20, 30, 40), box(10, 20, 30, 40))).toBe(1);
    expect(boxIou(box(0, 0, 10, 10), box(20, 0, 10, 10))).toBe(0);
    expect(boxIou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
  });

  it('computes partial overlap of non-square boxes', () => {
    // 40×20 and 40×20 shifted right by 20: intersection 20×20 = 400, union 800 + 800 − 400.
    expect(boxIou(box(0, 0, 40, 20), box(20, 0, 40, 20))).toBeCloseTo(400 / 1200, 10);
    // Same shift along y with the boxes transposed: a swapped axis would give a different value.
    expect(boxIou(box(0, 0, 20, 40), box(0, 10, 20, 40))).toBeCloseTo(600 / 1000, 10);
  });

  it('returns 0 for empty boxes', () => {
    expect(boxIou(box(0, 0, 0, 0), box(0, 0, 0, 0))).toBe(0);
  });
});
