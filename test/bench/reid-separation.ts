/**
 * How well appearance tells people apart on real crops (see reid-crops.ts): pairs of sightings of
 * one person at least MIN_GAP_FRAMES apart against pairs of different people, for the re-ID
 * embedding and for the colour statistics. Reports ROC AUC, the false-join rate (different people
 * at or above the threshold) and the same-person acceptance at the tracker's thresholds, and the
 * same person's similarity by gap. `measureReidSeparation` is what the bench section and a later
 * quality report call.
 */
import { appearanceSimilarity } from '../../core/track/appearance';
import { DEFAULT_TRACKER_OPTIONS } from '../../core/track/options';
import { clipSightings, cocoSightings, openSharedEmbedder, type Sighting } from './reid-crops';

/** Shorter gaps are the active tracker's business (OKS), not re-linking's. */
const MIN_GAP_FRAMES = 10;
/** Gap buckets (frames at 30 fps) for the same person's similarity: ⅓–1 s, 1–2 s, 2–4 s, 4 s and more. */
const GAP_BUCKETS: [label: string, fromFrames: number, toFrames: number][] = [
  ['0.3-1s', 10, 30],
  ['1-2s', 30, 60],
  ['2-4s', 60, 120],
  ['4s+', 120, Infinity],
];

export interface Separation {
  samePairs: number;
  differentPairs: number;
  rocAuc: number;
  /** The tracker's long-gap threshold for this kind of appearance. */
  threshold: number;
  /** Share of different-people pairs at or above the threshold (they would be joined on appearance). */
  falseJoinRate: number;
  /** The same, for the man against the woman of the clip only. */
  clipFalseJoinRate: number;
  /** Share of same-person pairs at or above the threshold. */
  sameAccepted: number;
  /** Highest similarity of two different people, and lowest of one person. */
  differentMax: number;
  sameMin: number;
  /** Same person, mean and lowest similarity by gap. */
  sameByGap: Record<string, { pairs: number; mean: number; min: number }>;
  /** Different people: 50th, 99th and 99.9th percentile. */
  differentPercentiles: { p50: number; p99: number; p999: number };
  /** False-join rate and same-person acceptance at other thresholds, to see what moving it costs. */
  atThreshold: Record<string, { falseJoinRate: number; sameAccepted: number }>;
}

const OTHER_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];

export interface ReidSeparation {
  clipSightings: number;
  cocoPeople: number;
  embedding: Separation;
  colours: Separation;
}

export async function measureReidSeparation(
  sharedAssets: string,
  log: (m: string) => void = () => undefined,
): Promise<ReidSeparation> {
  const embedder = await openSharedEmbedder(sharedAssets);
  try {
    log('tracking the two-people clip and embedding its people');
    const clip = await clipSightings(sharedAssets, embedder);
    log(`embedding the coco-train people (${clip.length} clip sightings)`);
    const coco = await cocoSightings(sharedAssets, embedder);
    const all = [...clip, ...coco];
    return {
      clipSightings: clip.length,
      cocoPeople: coco.length,
      embedding: separation(all, (s) => s.embedding, DEFAULT_TRACKER_OPTIONS.minEmbeddingSimilarity),
      colours: separation(all, (s) => s.colours, DEFAULT_TRACKER_OPTIONS.minAppearanceSimilarity),
    };
  } finally {
    await embedder.dispose();
  }
}

interface Pair {
  similarity: number;
  same: boolean;
  gapFrames: number;
  clipOnly: boolean;
}

function pairsOf(sightings: readonly Sighting[], describe: (s: Sighting) => Sighting['colours']): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < sightings.length; i++) {
    for (let j = i + 1; j < sightings.length; j++) {
      const [a, b] = [sightings[i], sightings[j]];
      const same = a.person === b.person;
      const gapFrames = Math.abs(a.frameIndex - b.frameIndex);
      if (same && gapFrames < MIN_GAP_FRAMES) continue;
      const [da, db] = [describe(a), describe(b)];
      const similarity = da && db ? appearanceSimilarity(da, db) : null;
      if (similarity === null) continue;
      pairs.push({ similarity, same, gapFrames, clipOnly: a.person.startsWith('clip') && b.person.startsWith('clip') });
    }
  }
  return pairs;
}

export function separation(
  sightings: readonly Sighting[],
  describe: (s: Sighting) => Sighting['colours'],
  threshold: number,
): Separation {
  const pairs = pairsOf(sightings, describe);
  const same = pairs.filter((p) => p.same).map((p) => p.similarity);
  const different = pairs
    .filter((p) => !p.same)
    .map((p) => p.similarity)
    .sort((a, b) => a - b);
  const clipDifferent = pairs.filter((p) => !p.same && p.clipOnly).map((p) => p.similarity);
  const share = (values: number[], pass: (v: number) => boolean) =>
    values.length ? values.filter(pass).length / values.length : 0;
  const sameByGap = Object.fromEntries(
    GAP_BUCKETS.map(([label, from, to]) => {
      const inBucket = pairs.filter((p) => p.same && p.gapFrames >= from && p.gapFrames < to).map((p) => p.similarity);
      return [label, { pairs: inBucket.length, mean: round(mean(inBucket)), min: round(Math.min(...inBucket)) }];
    }),
  );
  const percentile = (q: number) =>
    round(different[Math.min(different.length - 1, Math.floor(q * different.length))] ?? NaN);
  return {
    samePairs: same.length,
    differentPairs: different.length,
    rocAuc: round(rocAuc(same, different), 4),
    threshold,
    falseJoinRate: round(
      share(different, (v) => v >= threshold),
      5,
    ),
    clipFalseJoinRate: round(
      share(clipDifferent, (v) => v >= threshold),
      4,
    ),
    sameAccepted: round(
      share(same, (v) => v >= threshold),
      4,
    ),
    differentMax: round(different[different.length - 1] ?? NaN),
    sameMin: round(Math.min(...same)),
    sameByGap,
    differentPercentiles: { p50: percentile(0.5), p99: percentile(0.99), p999: percentile(0.999) },
    atThreshold: Object.fromEntries(
      OTHER_THRESHOLDS.map((t) => [
        t.toFixed(2),
        {
          falseJoinRate: round(
            share(different, (v) => v >= t),
            5,
          ),
          sameAccepted: round(
            share(same, (v) => v >= t),
            4,
          ),
        },
      ]),
    ),
  };
}

/** Probability that a random same-person pair scores above a random different-people pair (ties half). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return NaN;
  const sortedNegatives = [...negatives].sort((a, b) => a - b);
  let wins = 0;
  for (const p of positives) {
    const below = lowerBound(sortedNegatives, p);
    const atOrBelow = lowerBound(sortedNegatives, p, true);
    wins += below + (atOrBelow - below) / 2;
  }
  return wins / (positives.length * negatives.length);
}

/** Count of values < x (or ≤ x with `inclusive`) in an ascending list. */
function lowerBound(sorted: readonly number[], x: number, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x || (inclusive && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
