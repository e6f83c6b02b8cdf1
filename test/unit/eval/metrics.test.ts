import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../../core/eval/average-precision';
import { minCostAssignment } from '../../../core/eval/min-cost-assignment';
import { MotAccumulator, motMetrics } from '../../../core/eval/mot-accumulator';
import { pointInPolygon } from '../../../core/eval/point-in-polygon';

describe('averagePrecision', () => {
  it('computes VOC all-point AP over score-ranked detections', () => {
    // Ranked: 0.9 ✓, 0.8 ✗, 0.7 ✓ with 4 positives: precision 1, ½, ⅔ at recall ¼, ¼, ½.
    // Monotone precision: 1 at recall ¼, ⅔ at ½ → AP = ¼·1 + ¼·⅔ = 5/12.
    const r = averagePrecision([0.8, 0.9, 0.7], [false, true, true], 4);
    expect(r.ap).toBeCloseTo((100 * 5) / 12, 10);
    expect(r.precision).toBeCloseTo(200 / 3, 10);
    expect(r.recall).toBe(50);
  });

  it('is 0 with no detections and NaN with nothing to find', () => {
    expect(averagePrecision([], [], 3).ap).toBe(0);
    expect(averagePrecision([0.5], [false], 0).ap).toBeNaN();
    // The official code leaves AP at 0 for a joint nobody predicted, even with nothing to find.
    expect(averagePrecision([], [], 0).ap).toBe(0);
  });

  it("ranks equal scores later item first, as numpy's reversed argsort does", () => {
    // ✓ then ✗ at the same score rank as ✗, ✓: precision 0, ½ at recall 0, ½ → AP = ½ · ½ = 25.
    expect(averagePrecision([0.9, 0.9], [true, false], 2).ap).toBeCloseTo(25, 10);
    expect(averagePrecision([0.9, 0.9], [false, true], 2).ap).toBeCloseTo(50, 10);
  });
});

describe('minCostAssignment', () => {
  it('minimises total cost, prefers more pairs, and skips forbidden (NaN) pairs', () => {
    expect(
      minCostAssignment([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    // Pairing (0,0) alone costs 0.1, but (0,1)+(1,0) makes two pairs: more pairs win.
    expect(
      minCostAssignment([
        [0.1, 0.9],
        [0.8, NaN],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(minCostAssignment([[NaN, NaN]])).toEqual([]);
    expect(minCostAssignment([[0.5], [0.2], [0.9]])).toEqual([[1, 0]]);
    expect(minCostAssignment([])).toEqual([]);
  });
});

describe('MotAccumulator', () => {
  it('counts matches, misses, false positives and switches with continuity first', () => {
    const acc = new MotAccumulator();
    // Frame 0: a↔1, b↔2; hypothesis 3 unmatched.
    acc.update(
      [10, 11],
      [1, 2, 3],
      [
        [0.1, NaN, 0.3],
        [0.5, 0.2, 0.3],
      ],
    );
    // Frame 1: a keeps 1 although 3 would be closer (continuity); b has no hypothesis → miss.
    acc.update(
      [10, 11],
      [1, 3],
      [
        [0.4, 0.1],
        [NaN, NaN],
      ],
    );
    // Frame 2: a now only matches 3 → switch.
    acc.update([10], [1, 3], [[NaN, 0.2]]);
    expect(acc.counts).toEqual({
      objects: 5,
      detections: 4,
      misses: 1,
      falsePositives: 3,
      switches: 1,
      sumDistance: expect.closeTo(0.9, 10),
    });
    const m = motMetrics(acc.counts);
    expect(m.mota).toBeCloseTo(100 * (1 - 5 / 5), 10);
    expect(m.motp).toBeCloseTo(100 * (1 - 0.9 / 4), 10);
    expect(m.precision).toBeCloseTo((100 * 4) / 7, 10);
    expect(m.recall).toBeCloseTo(80, 10);
  });
});

describe('pointInPolygon', () => {
  it('tells inside from outside, for concave polygons too', () => {
    // An L shape: the notch (15, 15) is outside.
    const l: [number, number][] = [
      [0, 0],
      [20, 0],
      [20, 10],
      [10, 10],
      [10, 20],
      [0, 20],
    ];
    expect(pointInPolygon(5, 5, l)).toBe(true);
    expect(pointInPolygon(5, 15, l)).toBe(true);
    expect(pointInPolygon(15, 15, l)).toBe(false);
    expect(pointInPolygon(-1, 5, l)).toBe(false);
  });

  it("leaves points on an edge or a vertex outside (shapely's contains), and degenerate polygons empty", () => {
    const square: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(pointInPolygon(10, 5, square)).toBe(false);
    expect(pointInPolygon(5, 0, square)).toBe(false);
    expect(pointInPolygon(0, 0, square)).toBe(false);
    expect(pointInPolygon(9.999, 5, square)).toBe(true);
    expect(
      pointInPolygon(1, 1, [
        [0, 0],
        [10, 10],
      ]),
    ).toBe(false);
  });
});
