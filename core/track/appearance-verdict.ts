import { appearanceSimilarity, type Appearance } from './appearance';

/**
 * The appearance thresholds, per kind of description: a re-ID model's embeddings (cosine
 * similarity) and the colours along the skeleton (Bhattacharyya coefficient) score on different
 * scales, so each has its own. Below the threshold the two are different people: a veto that no
 * fit of position, pose or time overrides.
 */
export interface AppearanceThresholds {
  /** Colours, for a person unseen longer than the short re-link window (lost-track stage, stitching). */
  minAppearanceSimilarity: number;
  /** Colours, inside the short re-link window. */
  minShortGapAppearanceSimilarity: number;
  /** Embeddings, unseen longer than the short re-link window. */
  minEmbeddingSimilarity: number;
  /** Embeddings, inside the short re-link window. */
  minShortGapEmbeddingSimilarity: number;
}

export interface AppearanceVerdict {
  similarity: number;
  /** Compared by embeddings (both sides have one) rather than by colours. */
  byEmbedding: boolean;
  /** The similarity is below the threshold: these are different people. */
  differentPeople: boolean;
}

/** How alike `a` and `b` look and whether that rules them out as one person; null when either is unknown or they share nothing to compare. */
export function compareAppearance(
  a: Appearance | null | undefined,
  b: Appearance | null | undefined,
  gap: 'short' | 'long',
  thresholds: AppearanceThresholds,
): AppearanceVerdict | null {
  if (!a || !b) return null;
  const similarity = appearanceSimilarity(a, b);
  if (similarity === null) return null;
  const byEmbedding = Boolean(a.embedding && b.embedding);
  const min = byEmbedding
    ? gap === 'short'
      ? thresholds.minShortGapEmbeddingSimilarity
      : thresholds.minEmbeddingSimilarity
    : gap === 'short'
      ? thresholds.minShortGapAppearanceSimilarity
      : thresholds.minAppearanceSimilarity;
  return { similarity, byEmbedding, differentPeople: similarity < min };
}
