import { describe, expect, it } from 'vitest';
import { boxCoverage, boxIos, boxIou, nonMaxSuppression } from '../../../core/detect/nms';

const box = (x: number, y: number, w: number, h: number, score: number) => ({ x, y, w, h, score });

describe('boxIou', () => {
  it('computes overlap of non-square boxes', () => {
    // 100×40 and 40×100 crossing in a 40×40 square: 1600 / (4000 + 4000 − 1600).
    expect(boxIou(box(0, 30, 100, 40, 1), box(30, 0, 40, 100, 1))).toBeCloseTo(1600 / 6400, 12);
  });
  it('is 0 for touching or empty boxes', () => {
    expect(boxIou(box(0, 0, 10, 10, 1), box(10, 0, 10, 10, 1))).toBe(0);
    expect(boxIou(box(0, 0, 0, 10, 1), box(0, 0, 0, 10, 1))).toBe(0);
  });
});

describe('nonMaxSuppression', () => {
  const boxes = [
    box(10, 10, 50, 120, 0.6), // overlaps the 0.9 box heavily
    box(12, 14, 50, 118, 0.9),
    box(200, 10, 50, 120, 0.7), // a second person
    box(25, 18, 50, 120, 0.5), // IoU with the 0.9 box ≈ 0.55
  ];

  it('keeps the best box per cluster, best first', () => {
    expect(nonMaxSuppression(boxes, 0.45).map((b) => b.score)).toEqual([0.9, 0.7]);
  });

  it('keeps moderately overlapping boxes when the threshold is above their IoU', () => {
    expect(nonMaxSuppression(boxes, 0.6).map((b) => b.score)).toEqual([0.9, 0.7, 0.5]);
  });

  it('caps the count and leaves the input untouched', () => {
    const copy = [...boxes];
    expect(nonMaxSuppression(boxes, 0.6, 2).map((b) => b.score)).toEqual([0.9, 0.7]);
    expect(boxes).toEqual(copy);
  });

  it('handles no boxes', () => {
    expect(nonMaxSuppression([], 0.5)).toEqual([]);
  });
});

describe('boxIos and boxCoverage', () => {
  it('measure overlap against the smaller box and against the inner box', () => {
    const big = { x: 0, y: 0, w: 100, h: 100, score: 1 };
    const small = { x: 50, y: 50, w: 100, h: 20, score: 1 }; // half inside
    expect(boxIos(big, small)).toBeCloseTo(0.5, 12);
    expect(boxIos(small, big)).toBeCloseTo(0.5, 12);
    expect(boxCoverage(small, big)).toBeCloseTo(0.5, 12);
    expect(boxCoverage(big, small)).toBeCloseTo(0.1, 12);
    expect(boxIos(big, { x: 200, y: 0, w: 10, h: 10, score: 1 })).toBe(0);
  });
});
