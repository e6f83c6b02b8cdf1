import { describe, expect, it } from 'vitest';
import { idCounts, idScores, addIdCounts } from '../../../core/eval/idf1';
import { addHotaCounts, hotaCounts, hotaScores } from '../../../core/eval/hota';
import {
  identityFrame,
  identityFrameFromMatrix,
  keypointSimilarity,
  type IdentityFrame,
} from '../../../core/eval/identity-frame';
import type { EvalPerson } from '../../../core/eval/eval-sequence';

/**
 * A frame where each entry [gtId, predId] is one person found exactly (similarity 1 with its own
 * prediction, 0 with the others); a null side is a miss or a false positive.
 */
function frame(pairs: [number | null, number | null][], matchSimilarity = 1): IdentityFrame {
  const gt = pairs.flatMap(([g], i) => (g === null ? [] : [[g, i]]));
  const pred = pairs.flatMap(([, p], i) => (p === null ? [] : [[p, i]]));
  return identityFrameFromMatrix(
    gt.map(([g]) => g),
    pred.map(([p]) => p),
    gt.map(([, gi]) => pred.map(([, pi]) => (gi === pi ? matchSimilarity : 0))),
  );
}

const repeat = (n: number, make: (f: number) => IdentityFrame) => Array.from({ length: n }, (_, f) => make(f));

describe('IDF1 and HOTA on hand-made cases', () => {
  it('a perfect prediction scores 1 everywhere', () => {
    const frames = repeat(10, () =>
      frame([
        [1, 7],
        [2, 8],
      ]),
    );
    expect(idScores(idCounts(frames))).toEqual({ idf1: 1, idp: 1, idr: 1 });
    const h = hotaScores(hotaCounts(frames));
    expect(h.hota).toBeCloseTo(1, 12);
    expect(h.detA).toBeCloseTo(1, 12);
    expect(h.assA).toBeCloseTo(1, 12);
  });

  it('an identity swap halfway through two 10-frame tracks: IDF1 0.5, AssA 1/3, HOTA √(1/3)', () => {
    // Frames 0–4: gt 1 ↔ pred 7, gt 2 ↔ pred 8; frames 5–9 swapped.
    const frames = repeat(10, (f) =>
      f < 5
        ? frame([
            [1, 7],
            [2, 8],
          ])
        : frame([
            [1, 8],
            [2, 7],
          ]),
    );
    // Best whole-track pairing keeps 5 of each track's 10 frames: IDTP = 10 of 20 + 20.
    expect(idScores(idCounts(frames))).toEqual({ idf1: 0.5, idp: 0.5, idr: 0.5 });
    const h = hotaScores(hotaCounts(frames));
    // Every pair matched 5 times: A(pair) = 5 / (10 + 10 − 5) = 1/3.
    expect(h.detA).toBeCloseTo(1, 12);
    expect(h.assA).toBeCloseTo(1 / 3, 12);
    expect(h.hota).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });

  it('a track split in two pieces: IDF1 0.5, AssA 0.5, HOTA √0.5', () => {
    const frames = repeat(10, (f) => frame([[1, f < 5 ? 7 : 9]]));
    expect(idScores(idCounts(frames))).toEqual({ idf1: 0.5, idp: 0.5, idr: 0.5 });
    const h = hotaScores(hotaCounts(frames));
    // Each piece: 5 / (10 + 5 − 5) = 0.5.
    expect(h.assA).toBeCloseTo(0.5, 12);
    expect(h.hota).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('counts misses and false positives: IDP and IDR differ, DetA drops', () => {
    // 10 frames of gt 1 found as pred 7 in frames 0–7 only, plus a false positive pred 9 in 4 frames.
    const frames = repeat(10, (f) => frame([[1, f < 8 ? 7 : null], ...(f < 4 ? [[null, 9] as [null, number]] : [])]));
    const id = idScores(idCounts(frames));
    expect(id.idr).toBeCloseTo(8 / 10, 12);
    expect(id.idp).toBeCloseTo(8 / 12, 12);
    expect(id.idf1).toBeCloseTo((2 * 8) / 22, 12);
    const h = hotaScores(hotaCounts(frames));
    expect(h.detA).toBeCloseTo(8 / (8 + 2 + 4), 12);
    // Pair (1, 7): 8 / (10 + 8 − 8) = 0.8.
    expect(h.assA).toBeCloseTo(0.8, 12);
  });

  it('a localisation of 0.5 passes 10 of the 19 thresholds', () => {
    const frames = repeat(4, () => frame([[1, 7]], 0.5));
    const h = hotaScores(hotaCounts(frames));
    expect(h.detA).toBeCloseTo(10 / 19, 12);
    expect(h.assA).toBeCloseTo(10 / 19, 12);
    expect(h.hota).toBeCloseTo(10 / 19, 12);
    expect(idScores(idCounts(frames)).idf1).toBe(1);
  });

  it('combines sequences by summing counts (ids are per sequence)', () => {
    const perfect = repeat(10, () => frame([[1, 1]]));
    const split = repeat(10, (f) => frame([[1, f < 5 ? 1 : 2]]));
    expect(idScores(addIdCounts(idCounts(perfect), idCounts(split))).idf1).toBeCloseTo((2 * 15) / 40, 12);
    // AssA weighted by TPs: (10·1 + 10·0.5) / 20.
    expect(hotaScores(addHotaCounts(hotaCounts(perfect), hotaCounts(split))).assA).toBeCloseTo(0.75, 12);
  });
});

describe('keypointSimilarity', () => {
  const person = (trackId: number, dx: number, headSize = 20, missing = false): EvalPerson => ({
    trackId,
    headSize,
    joints: Array.from({ length: 15 }, (_, j) =>
      missing && j >= 10 ? null : { x: 100 + 10 * j + dx, y: 50, score: 1 },
    ),
  });

  it('is 1 on the spot, 0.5 at the PCKh@0.5 boundary, and counts missing joints as 0', () => {
    expect(keypointSimilarity(person(1, 0), person(2, 0))).toBeCloseTo(1, 12);
    expect(keypointSimilarity(person(1, 0), person(2, 10))).toBeCloseTo(0.5, 12); // 10 px = 0.5 × head size 20
    expect(keypointSimilarity(person(1, 0), person(2, 0, 20, true))).toBeCloseTo(10 / 15, 12);
    const f = identityFrame([person(1, 0)], [person(5, 0), person(6, 10)]);
    expect(f.gtIds).toEqual([1]);
    expect(f.predIds).toEqual([5, 6]);
    expect(f.pairs.find(([gi, pi]) => gi === 0 && pi === 1)![2]).toBeCloseTo(0.5, 12);
  });
});
