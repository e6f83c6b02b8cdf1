import { describe, expect, it } from 'vitest';
import { boxCentreDistance } from '../../../core/track/box-distance';

describe('boxCentreDistance', () => {
  it('measures centre distance in sizes of the larger box', () => {
    const a = { x: 0, y: 0, w: 100, h: 400, score: 1 }; // centre (50, 200), size 200
    const b = { x: 150, y: 200, w: 50, h: 100, score: 1 }; // centre (175, 250)
    expect(boxCentreDistance(a, b)).toBeCloseTo(Math.hypot(125, 50) / 200, 9);
    expect(boxCentreDistance(b, a)).toBeCloseTo(Math.hypot(125, 50) / 200, 9);
  });

  it('is 0 for concentric boxes and stays finite for empty ones', () => {
    expect(boxCentreDistance({ x: 0, y: 0, w: 10, h: 10, score: 1 }, { x: 4, y: 4, w: 2, h: 2, score: 1 })).toBe(0);
    expect(boxCentreDistance({ x: 0, y: 0, w: 0, h: 0, score: 1 }, { x: 3, y: 4, w: 0, h: 0, score: 1 })).toBe(5);
  });
});
