/**
 * Interpolation across short gaps of a sampled signal. Samples are given at positions `xs`
 * (frame indices, increasing); `ys[i] === null` is a gap. Only gaps whose missing samples span at
 * most `maxGapFrames` frames between two known samples are filled; longer gaps and the open ends
 * stay empty (nothing is extrapolated).
 */

export type GapMethod = 'linear' | 'cubic';

export interface FilledSeries {
  ys: (number | null)[];
  /** True where a value was made up by interpolation. */
  filled: boolean[];
}

export function fillSeriesGaps(
  xs: readonly number[],
  ys: readonly (number | null)[],
  maxGapFrames: number,
  method: GapMethod,
): FilledSeries {
  if (xs.length !== ys.length) throw new Error(`fillSeriesGaps: ${xs.length} positions but ${ys.length} values.`);
  const out = [...ys];
  const filled = ys.map(() => false);
  const known = ys.flatMap((y, i) => (y === null ? [] : [i]));
  for (let k = 0; k + 1 < known.length; k++) {
    const a = known[k];
    const b = known[k + 1];
    if (b - a < 2 || xs[b] - xs[a] - 1 > maxGapFrames) continue;
    for (let i = a + 1; i < b; i++) {
      out[i] = method === 'cubic' ? cubicAt(xs, ys, known, k, xs[i]) : lerpAt(xs[a], ys[a]!, xs[b], ys[b]!, xs[i]);
      filled[i] = true;
    }
  }
  return { ys: out, filled };
}

function lerpAt(x0: number, y0: number, x1: number, y1: number, x: number): number {
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/**
 * Cubic Hermite between known samples k and k+1. The slope at each end is that of the parabola
 * through the end, the known sample beyond it and the other end (the gap's secant at an open
 * end), so the curve passes through both ends and reproduces any motion up to a cubic.
 */
function cubicAt(
  xs: readonly number[],
  ys: readonly (number | null)[],
  known: readonly number[],
  k: number,
  x: number,
): number {
  const [a, b] = [known[k], known[k + 1]];
  const [x0, x1, y0, y1] = [xs[a], xs[b], ys[a]!, ys[b]!];
  const point = (i: number): [number, number] => [xs[i], ys[i]!];
  const gapSlope = (y1 - y0) / (x1 - x0);
  const m0 = k > 0 ? slopeAtMiddle(point(known[k - 1]), [x0, y0], [x1, y1]) : gapSlope;
  const m1 = k + 2 < known.length ? slopeAtMiddle([x0, y0], [x1, y1], point(known[k + 2])) : gapSlope;
  const h = x1 - x0;
  const t = (x - x0) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * h * m1;
}

/** Slope at the middle point of the parabola through three points (any spacing). */
function slopeAtMiddle([xa, ya]: [number, number], [xb, yb]: [number, number], [xc, yc]: [number, number]): number {
  return (
    (ya * (xb - xc)) / ((xa - xb) * (xa - xc)) +
    (yb * (2 * xb - xa - xc)) / ((xb - xa) * (xb - xc)) +
    (yc * (xb - xa)) / ((xc - xa) * (xc - xb))
  );
}
