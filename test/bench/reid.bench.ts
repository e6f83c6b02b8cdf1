/**
 * Re-ID section for `npm run bench -- --only reid`: how well appearance tells people apart on
 * real crops, for the shared OSNet-x0.25 model and for the colours along the skeleton (see
 * reid-separation.ts): ROC AUC, the false-join rate and same-person acceptance at the tracker's
 * thresholds, the same person's similarity by gap. Targets: the embeddings separate better than
 * the colours, and join at most 0.1 % of different-people pairs and none of the clip's man and
 * woman. About 2 minutes on two cores (a tracking run of the clip, 130 photos decoded).
 */
import { checkTarget, type BenchContext } from './context';
import { measureReidSeparation } from './reid-separation';

/** Share of different-people pairs the re-ID threshold may pass. */
const MAX_FALSE_JOIN_RATE = 0.001;

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const figures = await measureReidSeparation(ctx.sharedAssets, ctx.log);
  return {
    ...figures,
    targets: {
      embeddingFalseJoinRate: checkTarget(figures.embedding.falseJoinRate, '<=', MAX_FALSE_JOIN_RATE),
      embeddingClipFalseJoinRate: checkTarget(figures.embedding.clipFalseJoinRate, '<=', 0),
      embeddingAucOverColours: checkTarget(figures.embedding.rocAuc - figures.colours.rocAuc, '>=', 0),
    },
  };
}
