import { sparseAssignment, type AssignmentEdge } from '../util/sparse-assignment';
import type { IdentityFrame } from './identity-frame';

/** Localisation thresholds α = 0.05, 0.10, …, 0.95, as TrackEval. */
export const HOTA_ALPHAS: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/** Per α: true positives, misses, false positives and Σ over TPs of their association accuracy. */
export interface HotaCounts {
  tp: number[];
  fn: number[];
  fp: number[];
  /** AssA × TP, so sequences combine by summing. */
  assSum: number[];
}

export interface HotaScores {
  hota: number;
  detA: number;
  assA: number;
}

const EPS = 1e-12;

/**
 * HOTA's counts for one sequence (Luiten et al. 2021, computed as TrackEval's hota.py): each
 * frame is matched once by maximum global-alignment-weighted similarity; for every α the pairs
 * with similarity ≥ α are true positives; a TP's association accuracy is
 * |TPA| / (|TPA| + |FNA| + |FPA|) over the whole sequence for its (ground truth, prediction) ids.
 */
export function hotaCounts(frames: readonly IdentityFrame[]): HotaCounts {
  const alphaCount = HOTA_ALPHAS.length;
  const counts: HotaCounts = {
    tp: zeros(alphaCount),
    fn: zeros(alphaCount),
    fp: zeros(alphaCount),
    assSum: zeros(alphaCount),
  };
  const gtCount = new Map<number, number>();
  const predCount = new Map<number, number>();
  const potential = new Map<string, number>();
  for (const f of frames) {
    for (const g of f.gtIds) gtCount.set(g, (gtCount.get(g) ?? 0) + 1);
    for (const p of f.predIds) predCount.set(p, (predCount.get(p) ?? 0) + 1);
    const rowSums = zeros(f.gtIds.length);
    const columnSums = zeros(f.predIds.length);
    for (const [gi, pi, sim] of f.pairs) {
      rowSums[gi] += sim;
      columnSums[pi] += sim;
    }
    for (const [gi, pi, sim] of f.pairs) {
      const key = `${f.gtIds[gi]}:${f.predIds[pi]}`;
      const denominator = rowSums[gi] + columnSums[pi] - sim;
      if (denominator > EPS) potential.set(key, (potential.get(key) ?? 0) + sim / denominator);
    }
  }
  const alignment = (g: number, p: number) => {
    const pm = potential.get(`${g}:${p}`) ?? 0;
    return pm / (gtCount.get(g)! + predCount.get(p)! - pm);
  };
  const matches = HOTA_ALPHAS.map(() => new Map<string, number>());
  for (const f of frames) {
    if (f.gtIds.length === 0 || f.predIds.length === 0) {
      for (let a = 0; a < alphaCount; a++) {
        counts.fn[a] += f.gtIds.length;
        counts.fp[a] += f.predIds.length;
      }
      continue;
    }
    const similarity = new Map(f.pairs.map(([gi, pi, sim]) => [gi * f.predIds.length + pi, sim]));
    const simOf = (gi: number, pi: number) => similarity.get(gi * f.predIds.length + pi) ?? 0;
    const score: AssignmentEdge[] = f.pairs.map(([gi, pi, sim]) => [
      gi,
      pi,
      -alignment(f.gtIds[gi], f.predIds[pi]) * sim,
    ]);
    const pairs = sparseAssignment(f.gtIds.length, f.predIds.length, score, 'min-cost');
    HOTA_ALPHAS.forEach((alpha, a) => {
      const kept = pairs.filter(([gi, pi]) => simOf(gi, pi) >= alpha - EPS);
      counts.tp[a] += kept.length;
      counts.fn[a] += f.gtIds.length - kept.length;
      counts.fp[a] += f.predIds.length - kept.length;
      for (const [gi, pi] of kept) {
        const key = `${f.gtIds[gi]}:${f.predIds[pi]}`;
        matches[a].set(key, (matches[a].get(key) ?? 0) + 1);
      }
    });
  }
  matches.forEach((byPair, a) => {
    for (const [key, n] of byPair) {
      const [g, p] = key.split(':').map(Number);
      counts.assSum[a] += n * (n / Math.max(1, gtCount.get(g)! + predCount.get(p)! - n));
    }
  });
  return counts;
}

export function addHotaCounts(a: HotaCounts, b: HotaCounts): HotaCounts {
  const add = (x: number[], y: number[]) => x.map((v, i) => v + y[i]);
  return { tp: add(a.tp, b.tp), fn: add(a.fn, b.fn), fp: add(a.fp, b.fp), assSum: add(a.assSum, b.assSum) };
}

export function emptyHotaCounts(): HotaCounts {
  const n = HOTA_ALPHAS.length;
  return { tp: zeros(n), fn: zeros(n), fp: zeros(n), assSum: zeros(n) };
}

/** HOTA, DetA and AssA in 0..1, each the mean over the α thresholds (HOTA_α = √(DetA_α·AssA_α)). */
export function hotaScores(c: HotaCounts): HotaScores {
  const detA = c.tp.map((tp, a) => tp / Math.max(1, tp + c.fn[a] + c.fp[a]));
  const assA = c.tp.map((tp, a) => c.assSum[a] / Math.max(1, tp));
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  return { hota: mean(detA.map((d, a) => Math.sqrt(d * assA[a]))), detA: mean(detA), assA: mean(assA) };
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}
