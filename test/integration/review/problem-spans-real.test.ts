/**
 * The problem list on a real result: the shared two-people clip tracked with the nano models
 * (tiling off, as the app's e2e runs it; about 40-70 s on two busy cores). Without injected errors
 * the list must stay short enough to read; with an identity swap, a merge of two tracks and lost
 * frames put in, each must be found and ranked near the top.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { injectDropout, injectMerge, injectSwap } from '../../helpers/inject-errors';
import { runTracking } from '../../../core/pipeline/runner';
import { detectProblems, groupProblems, type ProblemSpan } from '../../../core/review/problems';
import type { TrackingResult } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let real: TrackingResult;
/** The man (in view on every frame) and the woman (frames ~38-205): the two longest tracks. */
let man: number;
let woman: number;

beforeAll(async () => {
  const run = await runTracking(
    VIDEOS.twoPeople,
    {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      reidModel: 'none',
      device: 'cpu',
      detectorTiling: 'off',
    },
    {},
  );
  real = run.result;
  const counts = new Map<number, number>();
  for (const f of real.frames) for (const p of f.poses) counts.set(p.trackId, (counts.get(p.trackId) ?? 0) + 1);
  [man, woman] = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}, 300_000);

const describeSpans = (spans: ProblemSpan[]) =>
  spans.map((s) => `${s.kind}@${s.firstFrame}-${s.lastFrame}:${s.trackIds.join('-')} ${s.likelihood.toFixed(2)}`);
const rankOf = (spans: ProblemSpan[], test: (s: ProblemSpan) => boolean) => spans.findIndex(test);
const covers = (s: ProblemSpan, frame: number) => Math.abs(s.firstFrame - frame) <= 1;

describe('problem spans on the shared two-people clip', () => {
  it("groups the clip's problems into at most 10 spans, every problem in one of them", () => {
    const problems = detectProblems(real);
    const spans = groupProblems(problems);
    console.log(`${problems.length} problems → ${spans.length} spans`, describeSpans(spans));
    expect(spans.length).toBeLessThanOrEqual(10);
    expect(spans.flatMap((s) => s.problems.map((p) => p.id)).sort()).toEqual(problems.map((p) => p.id).sort());
  });

  it('finds an injected swap, a merge of two tracks and lost frames, each in the top four', () => {
    let broken = injectSwap(real, man, woman, 60);
    // After the swap the woman carries the man's id: from frame 150 that id also takes the man's poses.
    broken = injectMerge(broken, woman, man, 150);
    broken = injectDropout(broken, man, 95, 104);
    const spans = groupProblems(detectProblems(broken));
    console.log(describeSpans(spans));
    expect(spans.length).toBeLessThanOrEqual(12);
    const swap = rankOf(
      spans,
      (s) => s.kind === 'likely-swap' && covers(s, 60) && s.trackIds.includes(man) && s.trackIds.includes(woman),
    );
    const merge = rankOf(spans, (s) => s.kind === 'identity-jump' && covers(s, 150) && s.trackIds.includes(woman));
    const dropout = rankOf(spans, (s) => s.kind === 'track-gap' && covers(s, 95) && s.trackIds.includes(man));
    expect({ swap, merge, dropout }).toEqual({
      swap: expect.any(Number),
      merge: expect.any(Number),
      dropout: expect.any(Number),
    });
    for (const rank of [swap, merge, dropout]) {
      expect(rank).toBeGreaterThanOrEqual(0);
      expect(rank).toBeLessThan(4);
    }
  });
});
