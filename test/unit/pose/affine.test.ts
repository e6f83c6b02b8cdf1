import { describe, expect, it } from 'vitest';
import { applyAffine, composeAffine, invertAffine, type Affine } from '../../../core/imaging/affine';

describe('affine transforms', () => {
  const m: Affine = [1.5, -0.4, 12, 0.3, 0.8, -7];

  it('inverse undoes the transform', () => {
    for (const [x, y] of [
      [0, 0],
      [100, 30],
      [-25.5, 410.25],
    ]) {
      const [u, v] = applyAffine(m, x, y);
      const [bx, by] = applyAffine(invertAffine(m), u, v);
      expect(bx).toBeCloseTo(x, 9);
      expect(by).toBeCloseTo(y, 9);
    }
  });

  it('composes right to left', () => {
    const shift: Affine = [1, 0, 5, 0, 1, -3];
    const [x, y] = applyAffine(composeAffine(shift, m), 10, 20);
    const [ex, ey] = applyAffine(m, 10, 20);
    expect(x).toBeCloseTo(ex + 5, 9);
    expect(y).toBeCloseTo(ey - 3, 9);
  });

  it('refuses a degenerate matrix with the matrix in the message', () => {
    expect(() => invertAffine([1, 2, 0, 2, 4, 0])).toThrow(/\[1, 2, 0, 2, 4, 0\] is degenerate/);
  });
});
