import type { Keypoint } from '../types';

/** Spread (px) below which a layout is too small to compare; keeps a degenerate pose from dividing by 0. */
const MIN_SPREAD_PX = 1;

/**
 * How alike two poses' keypoint layouts are, whatever their position and size: both are centred
 * on the mean of the keypoints confident in both and divided by their RMS spread, then compared
 * as exp(−mean squared distance / (2·0.1²)) — 1 for the same layout, about 0.6 when each keypoint
 * is off by a tenth of the body's spread. Null with fewer than 4 shared confident keypoints.
 */
export function poseShapeSimilarity(
  a: readonly Keypoint[],
  b: readonly Keypoint[],
  minKeypointScore: number,
): number | null {
  const shared: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i][2] >= minKeypointScore && b[i][2] >= minKeypointScore) shared.push(i);
  }
  if (shared.length < 4) return null;
  const na = normalised(a, shared);
  const nb = normalised(b, shared);
  if (!na || !nb) return null;
  let sumSq = 0;
  for (let k = 0; k < shared.length; k++) sumSq += (na[k][0] - nb[k][0]) ** 2 + (na[k][1] - nb[k][1]) ** 2;
  return Math.exp(-(sumSq / shared.length) / (2 * 0.1 ** 2));
}

function normalised(points: readonly Keypoint[], indices: readonly number[]): [number, number][] | null {
  const mx = indices.reduce((s, i) => s + points[i][0], 0) / indices.length;
  const my = indices.reduce((s, i) => s + points[i][1], 0) / indices.length;
  const spread = Math.sqrt(
    indices.reduce((s, i) => s + (points[i][0] - mx) ** 2 + (points[i][1] - my) ** 2, 0) / indices.length,
  );
  if (!(spread >= MIN_SPREAD_PX)) return null;
  return indices.map((i) => [(points[i][0] - mx) / spread, (points[i][1] - my) / spread]);
}
