import { describe, expect, it } from 'vitest';
import { relinkCost, SHAPE_MAX_GAP_FRAMES, type RelinkEvidence } from '../../../core/track/relink-cost';
import { DEFAULT_TRACKER_OPTIONS } from '../../../core/track/options';

const box = (x: number) => ({ x, y: 100, w: 40, h: 100, score: 0.9 });
const options = DEFAULT_TRACKER_OPTIONS;

/** A person back half a box height from the prediction, in another phase of their stride (shape 0). */
function evidence(gapFrames: number, appearanceSimilarity: number | null): RelinkEvidence {
  return {
    predictedBox: box(100),
    box: box(150),
    heightPx: 100,
    gapFrames,
    shape: 0,
    appearance:
      appearanceSimilarity === null
        ? null
        : { similarity: appearanceSimilarity, byEmbedding: true, differentPeople: false },
  };
}

describe('relinkCost: pose shape as evidence', () => {
  it('leaves the shape out after a long gap when appearance can judge', () => {
    const gap = SHAPE_MAX_GAP_FRAMES + 1;
    const gate = options.lostGateBoxHeights + options.lostGateGrowthPerFrame * gap;
    // Position 0.4 · (0.5 / gate) and appearance 0.4 · 0.2, over weights 0.8.
    const expected = (0.4 * (0.5 / gate) + 0.4 * 0.2) / 0.8;
    expect(relinkCost(evidence(gap, 0.8), options)?.cost).toBeCloseTo(expected, 6);
  });

  it('counts a shape mismatch within the short gap, and without appearance at any gap', () => {
    const gap = SHAPE_MAX_GAP_FRAMES;
    const gate = options.lostGateBoxHeights + options.lostGateGrowthPerFrame * gap;
    const withShape = (0.4 * (0.5 / gate) + 0.2 + 0.4 * 0.2) / 1.0;
    expect(relinkCost(evidence(gap, 0.8), options)?.cost).toBeCloseTo(withShape, 6);
    // No appearance: the gate does not widen, and position (0.4 · 0.5) and shape (0.2) decide.
    expect(relinkCost(evidence(60, null), options)).toBeNull();
    expect(relinkCost({ ...evidence(60, null), box: box(110) }, options)?.cost).toBeCloseTo((0.4 * 0.1 + 0.2) / 0.6, 6);
  });
});
