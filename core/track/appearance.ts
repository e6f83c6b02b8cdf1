import type { Frame, Keypoint } from '../types';
import { dot, unitLength } from '../util/unit-vector';

/**
 * A person's colours, sampled along their own skeleton: one hue–saturation histogram per body
 * region (torso, upper arms, thighs, shins; left and right pooled, so a person seen from the other
 * side still matches). Sampling inside the limbs rather than over the whole box keeps the
 * background and the people around out of the description. No model needed.
 */
export interface Appearance {
  /** REGION_COUNT × BINS_PER_REGION, each region normalised to sum 1 (all 0 when not seen). */
  histograms: Float32Array;
  /** Per region: whether it was sampled. */
  seen: boolean[];
  /**
   * A person re-ID model's unit-length embedding of the person, when one is loaded: it then
   * replaces the colours (none are sampled) and people are compared by cosine similarity.
   */
  embedding?: Float32Array;
}

/** A person described by a re-ID model's embedding alone (unit length, see PersonEmbedder). */
export function embeddingAppearance(embedding: Float32Array): Appearance {
  return {
    histograms: new Float32Array(REGION_COUNT * BINS_PER_REGION),
    seen: new Array<boolean>(REGION_COUNT).fill(false),
    embedding: Float32Array.from(embedding),
  };
}

const HUE_BINS = 8;
const SATURATION_BINS = 3;
/** Low-saturation or dark pixels have no reliable hue: they go to bins by brightness instead. */
const GREY_BINS = 4;
export const BINS_PER_REGION = HUE_BINS * SATURATION_BINS + GREY_BINS;
const MIN_SATURATION = 0.2;
const MIN_VALUE = 0.15;

/** Regions as COCO-17 keypoint pairs (limbs) or the shoulder–hip quad (torso). */
const TORSO = [5, 6, 12, 11] as const;
const LIMB_REGIONS: readonly (readonly (readonly [number, number])[])[] = [
  [
    [5, 7],
    [6, 8],
  ], // upper arms
  [
    [11, 13],
    [12, 14],
  ], // thighs
  [
    [13, 15],
    [14, 16],
  ], // shins
];
export const REGION_COUNT = 1 + LIMB_REGIONS.length;
/** A region needs this many samples to be described at all. */
const MIN_SAMPLES = 6;
/** Samples along a limb between 15 % and 85 % of its length (joints are where limbs overlap). */
const ALONG_STEPS = [0.15, 0.32, 0.5, 0.68, 0.85];
/** Sideways offsets, as fractions of the limb's length. */
const ACROSS_OFFSETS = [-0.12, 0, 0.12];
const TORSO_GRID = [0.2, 0.35, 0.5, 0.65, 0.8];

/** The skeleton's colours in `frame`, or null when no region has enough confident keypoints. */
export function skeletonAppearance(
  frame: Frame,
  keypoints: readonly Keypoint[],
  minKeypointScore: number,
): Appearance | null {
  if (keypoints.length < 17) return null;
  const ok = (i: number) => keypoints[i][2] >= minKeypointScore;
  const histograms = new Float32Array(REGION_COUNT * BINS_PER_REGION);
  const seen = new Array<boolean>(REGION_COUNT).fill(false);
  const regionSamples: [number, number][][] = [torsoSamples(keypoints, ok)];
  for (const limbs of LIMB_REGIONS)
    regionSamples.push(limbs.flatMap(([a, b]) => (ok(a) && ok(b) ? limbSamples(keypoints[a], keypoints[b]) : [])));
  regionSamples.forEach((samples, r) => {
    const inside = samples.filter(([x, y]) => x >= 0 && y >= 0 && x < frame.width && y < frame.height);
    if (inside.length < MIN_SAMPLES) return;
    for (const [x, y] of inside)
      histograms[r * BINS_PER_REGION + colourBin(frame, Math.floor(x), Math.floor(y))] += 1 / inside.length;
    seen[r] = true;
  });
  return seen.some(Boolean) ? { histograms, seen } : null;
}

function torsoSamples(k: readonly Keypoint[], ok: (i: number) => boolean): [number, number][] {
  if (!TORSO.every(ok)) return [];
  const [ls, rs, rh, lh] = TORSO.map((i) => k[i]);
  const samples: [number, number][] = [];
  for (const v of TORSO_GRID) {
    // Left and right edges of the torso at height v, then across.
    const left = [ls[0] + (lh[0] - ls[0]) * v, ls[1] + (lh[1] - ls[1]) * v];
    const right = [rs[0] + (rh[0] - rs[0]) * v, rs[1] + (rh[1] - rs[1]) * v];
    for (const u of TORSO_GRID) samples.push([left[0] + (right[0] - left[0]) * u, left[1] + (right[1] - left[1]) * u]);
  }
  return samples;
}

function limbSamples(a: Keypoint, b: Keypoint): [number, number][] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const samples: [number, number][] = [];
  for (const t of ALONG_STEPS)
    for (const s of ACROSS_OFFSETS) samples.push([a[0] + dx * t - dy * s, a[1] + dy * t + dx * s]);
  return samples;
}

/** The histogram bin of one pixel: hue × saturation for colourful pixels, brightness for grey ones. */
export function colourBin(frame: Frame, x: number, y: number): number {
  const i = (y * frame.width + x) * 3;
  const r = frame.rgb[i] / 255;
  const g = frame.rgb[i + 1] / 255;
  const b = frame.rgb[i + 2] / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const saturation = max > 0 ? (max - min) / max : 0;
  if (saturation < MIN_SATURATION || max < MIN_VALUE) {
    return HUE_BINS * SATURATION_BINS + Math.min(GREY_BINS - 1, Math.floor(max * GREY_BINS));
  }
  let hue: number;
  if (max === r) hue = ((g - b) / (max - min) + 6) % 6;
  else if (max === g) hue = (b - r) / (max - min) + 2;
  else hue = (r - g) / (max - min) + 4;
  const hueBin = Math.min(HUE_BINS - 1, Math.floor((hue / 6) * HUE_BINS));
  const satBin = Math.min(
    SATURATION_BINS - 1,
    Math.floor(((saturation - MIN_SATURATION) / (1 - MIN_SATURATION)) * SATURATION_BINS),
  );
  return hueBin * SATURATION_BINS + satBin;
}

/**
 * With embeddings on both sides, their cosine similarity (negative values count as 0: nothing
 * alike). Otherwise the Bhattacharyya coefficient Σ√(p·q) averaged over the regions both sides
 * have seen: 1 for equal colour distributions, 0 for disjoint ones. Null when they share no region.
 */
export function appearanceSimilarity(a: Appearance, b: Appearance): number | null {
  if (a.embedding && b.embedding) return Math.max(0, Math.min(1, dot(a.embedding, b.embedding)));
  let total = 0;
  let regions = 0;
  for (let r = 0; r < REGION_COUNT; r++) {
    if (!a.seen[r] || !b.seen[r]) continue;
    let bc = 0;
    for (let k = r * BINS_PER_REGION; k < (r + 1) * BINS_PER_REGION; k++)
      bc += Math.sqrt(a.histograms[k] * b.histograms[k]);
    total += Math.min(1, bc);
    regions++;
  }
  return regions > 0 ? total / regions : null;
}

/** Running average: each region moves `weight` of the way toward the new observation (or takes it when first seen). */
export function blendAppearance(previous: Appearance | undefined, next: Appearance, weight: number): Appearance {
  const embedding = next.embedding && blendEmbedding(previous?.embedding, next.embedding, weight);
  if (!previous)
    return { histograms: Float32Array.from(next.histograms), seen: [...next.seen], ...(embedding && { embedding }) };
  const histograms = Float32Array.from(previous.histograms);
  const seen = [...previous.seen];
  for (let r = 0; r < REGION_COUNT; r++) {
    if (!next.seen[r]) continue;
    const w = seen[r] ? weight : 1;
    for (let k = r * BINS_PER_REGION; k < (r + 1) * BINS_PER_REGION; k++)
      histograms[k] = (1 - w) * histograms[k] + w * next.histograms[k];
    seen[r] = true;
  }
  return { histograms, seen, ...((embedding ?? previous.embedding) && { embedding: embedding ?? previous.embedding }) };
}

/** The running embedding moved `weight` of the way toward the new one, back to unit length. */
function blendEmbedding(previous: Float32Array | undefined, next: Float32Array, weight: number): Float32Array {
  if (!previous || previous.length !== next.length) return Float32Array.from(next);
  return unitLength(previous.map((v, i) => (1 - weight) * v + weight * next[i]));
}
