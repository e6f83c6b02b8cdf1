import { describe, expect, it } from 'vitest';
import { greedyAssign } from '../../../core/track/greedy-assign';

describe('greedyAssign', () => {
  it('takes the best pair first, then the best of what is left', () => {
    // Hungarian would pick (0,1)+(1,0) = 1.4; greedy keeps the confident 0.9 match.
    const sim = [
      [0.9, 0.7],
      [0.7, 0.1],
    ];
    expect(greedyAssign(sim, 0.05)).toEqual({
      matches: [
        [0, 0],
        [1, 1],
      ],
      unmatchedPoses: [],
      unmatchedTracks: [],
    });
  });

  it('leaves pairs below the threshold unmatched, on both sides', () => {
    const sim = [
      [0.2, 0.8, 0.1],
      [0.3, 0.6, 0.4],
    ];
    expect(greedyAssign(sim, 0.5)).toEqual({ matches: [[0, 1]], unmatchedPoses: [1], unmatchedTracks: [0, 2] });
  });

  it('handles empty inputs', () => {
    expect(greedyAssign([], 0.5)).toEqual({ matches: [], unmatchedPoses: [], unmatchedTracks: [] });
    expect(greedyAssign([], 0.5, 3)).toEqual({ matches: [], unmatchedPoses: [], unmatchedTracks: [0, 1, 2] });
    expect(greedyAssign([[], []], 0.5)).toEqual({ matches: [], unmatchedPoses: [0, 1], unmatchedTracks: [] });
  });

  it('breaks ties by lower pose index, then lower track index', () => {
    expect(
      greedyAssign(
        [
          [0.7, 0.7],
          [0.7, 0.7],
        ],
        0.5,
      ).matches,
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('rejects a ragged matrix', () => {
    expect(() => greedyAssign([[0.1, 0.2], [0.3]], 0.5)).toThrow(/row 1 has 1 columns, expected 2/);
  });
});
