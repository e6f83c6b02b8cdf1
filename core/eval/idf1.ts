import { sparseAssignment, type AssignmentEdge } from '../util/sparse-assignment';
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
  const overlap = new Map<string, number>();
  let gtCount = 0;
  let predCount = 0;
  for (const frame of frames) {
    gtCount += frame.gtIds.length;
    predCount += frame.predIds.length;
    for (const [gi, pi, similarity] of frame.pairs) {
      if (similarity < IDF1_MIN_SIMILARITY) continue;
      const key = `${frame.gtIds[gi]}:${frame.predIds[pi]}`;
      overlap.set(key, (overlap.get(key) ?? 0) + 1);
    }
  }
  // Maximising the matched frames = minimising their negation; pairs never matched cost 0.
  const gtIndex = new Map<number, number>();
  const predIndex = new Map<number, number>();
  const edges: AssignmentEdge[] = [...overlap].map(([key, frames]) => {
    const [g, p] = key.split(':').map(Number);
    if (!gtIndex.has(g)) gtIndex.set(g, gtIndex.size);
    if (!predIndex.has(p)) predIndex.set(p, predIndex.size);
    return [gtIndex.get(g)!, predIndex.get(p)!, -frames];
  });
  const cost = new Map(edges.map(([g, p, c]) => [`${g}:${p}`, c]));
  const idtp = sparseAssignment(gtIndex.size, predIndex.size, edges, 'min-cost').reduce(
    (sum, [g, p]) => sum - cost.get(`${g}:${p}`)!,
    0,
  );
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
