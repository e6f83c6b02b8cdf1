import type { ImageMatch } from './match-image';

/** numpy's np.spacing(1), as pycocotools adds it to precision's denominator. */
const EPSILON = 2.220446049250313e-16;

/** 0, 0.01, …, 1: the recall points precision is sampled at (np.linspace(0, 1, 101)). */
export const RECALL_POINTS = Array.from({ length: 101 }, (_, i) => (i === 100 ? 1 : i * (1 / 100)));

/**
 * Precision at each recall point and the final recall, per threshold, over every image of one
 * category and area range, as pycocotools' `accumulate`: detections of all images ranked by
 * score (stable), ignored ones left out, precision made monotone, then sampled at the first rank
 * reaching each recall point (0 past the last). Null when no ground truth counts (pycocotools' −1).
 */
export function accumulate(
  images: readonly (ImageMatch | null)[],
  thresholdCount: number,
): { precision: number[][]; recall: number[] } | null {
  const present = images.filter((e): e is ImageMatch => e !== null);
  if (present.length === 0) return null;
  const countable = present.reduce((n, e) => n + e.groundTruthIgnored.filter((ig) => !ig).length, 0);
  if (countable === 0) return null;
  const ranked = present
    .flatMap((e, img) => e.scores.map((score, d) => ({ score, img, d })))
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const precision: number[][] = [];
  const recall: number[] = [];
  for (let t = 0; t < thresholdCount; t++) {
    const rc: number[] = [];
    const pr: number[] = [];
    let tp = 0;
    let fp = 0;
    for (const { img, d } of ranked) {
      const e = present[img];
      if (e.ignored[t][d]) {
        // pycocotools keeps ignored detections in the arrays with unchanged sums.
      } else if (e.matches[t][d] !== 0) tp++;
      else fp++;
      rc.push(tp / countable);
      pr.push(tp / (fp + tp + EPSILON));
    }
    recall.push(rc.length ? rc[rc.length - 1] : 0);
    for (let i = pr.length - 1; i > 0; i--) if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
    precision.push(
      RECALL_POINTS.map((r) => {
        const at = firstAtLeast(rc, r);
        return at < pr.length ? pr[at] : 0;
      }),
    );
  }
  return { precision, recall };
}

/** np.searchsorted(sorted, value, side='left'). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
