/** A ground-truth object as the matcher sees it. */
export interface MatchGroundTruth {
  id: number;
  area: number;
  /** iscrowd, or no labelled keypoints: may absorb a detection, never counts as missed. */
  ignore: boolean;
  crowd: boolean;
}

export interface MatchDetection {
  id: number;
  score: number;
  area: number;
}

/** One image at one area range: pycocotools' `evaluateImg` output. */
export interface ImageMatch {
  /** Detections by descending score, at most maxDetections. */
  scores: number[];
  /** [threshold][detection]: id of the matched ground truth, 0 when unmatched. */
  matches: number[][];
  /** [threshold][detection]: matched to an ignored object, or unmatched and outside the area range. */
  ignored: boolean[][];
  /** Per ground truth (ignored ones last): whether it is ignored at this area range. */
  groundTruthIgnored: boolean[];
}

/**
 * Greedy matching of one image's detections to its ground truth at every similarity threshold,
 * exactly as pycocotools' `evaluateImg`: detections by descending score (stable), each takes the
 * still-free object of highest similarity ≥ the threshold, preferring objects that count over
 * ignored ones. Returns null for an image with neither.
 *
 * @param similarity [detection][ground truth], both in the order given
 */
export function matchImage(
  groundTruth: readonly MatchGroundTruth[],
  detections: readonly MatchDetection[],
  similarity: readonly (readonly number[])[],
  areaRange: readonly [number, number],
  thresholds: readonly number[],
  maxDetections: number,
): ImageMatch | null {
  if (groundTruth.length === 0 && detections.length === 0) return null;
  const outside = (area: number) => area < areaRange[0] || area > areaRange[1];
  const gtOrder = groundTruth
    .map((g, i) => ({ i, ignored: g.ignore || outside(g.area) }))
    .sort((a, b) => Number(a.ignored) - Number(b.ignored) || a.i - b.i);
  const gtIgnored = gtOrder.map((o) => o.ignored);
  const dets = sortByScore(detections.map((det, row) => ({ ...det, row }))).slice(0, maxDetections);
  const matches = thresholds.map(() => dets.map(() => 0));
  const ignored = thresholds.map(() => dets.map(() => false));
  thresholds.forEach((threshold, t) => {
    const taken = gtOrder.map(() => false);
    dets.forEach((_, d) => {
      let best = Math.min(threshold, 1 - 1e-10);
      let m = -1;
      for (let g = 0; g < gtOrder.length; g++) {
        const object = groundTruth[gtOrder[g].i];
        if (taken[g] && !object.crowd) continue;
        if (m > -1 && !gtIgnored[m] && gtIgnored[g]) break;
        const s = similarity[dets[d].row][gtOrder[g].i];
        if (s < best) continue;
        best = s;
        m = g;
      }
      if (m === -1) return;
      ignored[t][d] = gtIgnored[m];
      matches[t][d] = groundTruth[gtOrder[m].i].id;
      taken[m] = true;
    });
    dets.forEach((det, d) => {
      if (matches[t][d] === 0 && outside(det.area)) ignored[t][d] = true;
    });
  });
  return { scores: dets.map((d) => d.score), matches, ignored, groundTruthIgnored: gtIgnored };
}

/** Stable sort by descending score (numpy's mergesort on −score). */
export function sortByScore<T extends { score: number }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => b.item.score - a.item.score || a.i - b.i)
    .map((x) => x.item);
}
