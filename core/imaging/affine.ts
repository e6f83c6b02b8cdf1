/**
 * 2-D affine transforms as a flat row-major 2×3 matrix `[a, b, c, d, e, f]`:
 *   x' = a·x + b·y + c
 *   y' = d·x + e·y + f
 * All geometry in core/detect and core/pose uses continuous pixel coordinates: pixel (i, j) covers
 * [i, i+1) × [j, j+1), so its centre is at (i + 0.5, j + 0.5). With that convention a horizontal
 * flip of a W-wide image is exactly x → W − x, and scaling by s is exactly x → s·x.
 */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export const IDENTITY_AFFINE: Affine = [1, 0, 0, 0, 1, 0];

export function applyAffine(m: Affine, x: number, y: number): [x: number, y: number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** The transform that undoes `m`. Throws for a degenerate (non-invertible) matrix. */
export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) {
    throw new Error(`Affine transform [${m.join(', ')}] is degenerate and cannot be inverted.`);
  }
  const ia = e / det;
  const ib = -b / det;
  const id = -d / det;
  const ie = a / det;
  return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}

/** `outer ∘ inner`: first apply `inner`, then `outer`. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + b1 * d2,
    a1 * b2 + b1 * e2,
    a1 * c2 + b1 * f2 + c1,
    d1 * a2 + e1 * d2,
    d1 * b2 + e1 * e2,
    d1 * c2 + e1 * f2 + f1,
  ];
}
