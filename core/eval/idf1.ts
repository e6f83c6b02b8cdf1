import { minCostAssignment } from '../util/min-cost-assignment';
import type { IdentityFrame } from './identity-frame';

/** Similarity at which a (ground truth, prediction) pair counts as a match in a frame. */
export const IDF1_MIN_SIMILARITY = 0.5;

export interface IdCounts {
  /** Frames in which the matched identity pairs agree (identity true positives). */
  idtp: number;
  /** Ground-truth and predicted persons over all frames. */
  gtCount: number;
  predCount: number;
}

export interface IdScores {
  idf1: number;
  /** Identity precision IDTP / predictions and identity recall IDTP / ground truth. */
  idp: number;
  idr: number;
}

/**
 * Identity counts of one sequence (Ristani et al. 2016): every ground-truth identity is paired
 * with at most one predicted identity for the whole sequence, choosing the pairing that
 * maximises the frames in which paired persons match (similarity ≥ IDF1_MIN_SIMILARITY).
 */
export function idCounts(frames: readonly IdentityFrame[]): IdCounts {
  const gtIndex = new Map<number, number>();
  const predIndex = new Map<number, number>();
  const overlap = new Map<string, number>();
  let gtCount = 0;
  let predCount = 0;
  for (const frame of frames) {
    gtCount += frame.gtIds.length;
    predCount += frame.predIds.length;
    frame.gtIds.forEach((g, gi) => {
      if (!gtIndex.has(g)) gtIndex.set(g, gtIndex.size);
      frame.predIds.forEach((p, pi) => {
        if (!predIndex.has(p)) predIndex.set(p, predIndex.size);
        if (frame.similarity[gi][pi] < IDF1_MIN_SIMILARITY) return;
        const key = `${gtIndex.get(g)}:${predIndex.get(p)}`;
        overlap.set(key, (overlap.get(key) ?? 0) + 1);
      });
    });
    for (const p of frame.predIds) if (!predIndex.has(p)) predIndex.set(p, predIndex.size);
  }
  // Maximising the matched frames = minimising their negation; pairs never matched cost 0.
  const cost = Array.from({ length: gtIndex.size }, (_, g) => Array.from({ length: predIndex.size }, (_, p) => -(overlap.get(`${g}:${p}`) ?? 0)));
  const idtp = minCostAssignment(cost).reduce((sum, [g, p]) => sum - cost[g][p], 0);
  return { idtp, gtCount, predCount };
}

export function addIdCounts(a: IdCounts, b: IdCounts): IdCounts {
  return { idtp: a.idtp + b.idtp, gtCount: a.gtCount + b.gtCount, predCount: a.predCount + b.predCount };
}

/** IDF1 = 2·IDTP / (ground truth + predictions), IDP and IDR, in 0..1; NaN where undefined. */
export function idScores(c: IdCounts): IdScores {
  const total = c.gtCount + c.predCount;
  return {
    idf1: total > 0 ? (2 * c.idtp) / total : NaN,
    idp: c.predCount > 0 ? c.idtp / c.predCount : NaN,
    idr: c.gtCount > 0 ? c.idtp / c.gtCount : NaN,
  };
}
