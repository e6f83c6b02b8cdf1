import { describe, expect, it } from 'vitest';
import { groupProblems, isDismissed, kindDismissalId, openSpans } from '../../../core/review/problem-spans';
import { makeProblem, type ProblemKind } from '../../../core/review/problem-types';

const p = (kind: ProblemKind, frame: number, tracks: number[], severity = 0.5) =>
  makeProblem(kind, frame, tracks, severity, `${kind} at ${frame}`);

describe('groupProblems', () => {
  it('makes one span of a kind on one track while the frames are at most 20 apart', () => {
    const spans = groupProblems([
      p('weak-match', 10, [0]),
      p('weak-match', 25, [0]),
      p('weak-match', 45, [0]),
      p('weak-match', 66, [0]),
    ]);
    expect(spans.map((s) => [s.firstFrame, s.lastFrame, s.problems.length])).toEqual([
      [10, 45, 3],
      [66, 66, 1],
    ]);
    expect(spans[0].id).toBe('span:weak-match@10:0');
    expect(spans[0].detail).toBe('weak-match at 10; 3×; frames 10–45');
  });

  it('keeps other tracks and other kinds apart when nothing stronger is near', () => {
    const spans = groupProblems([p('weak-match', 10, [0]), p('weak-match', 11, [1]), p('keypoint-jump', 80, [0])]);
    expect(spans.map((s) => `${s.kind}@${s.firstFrame}:${s.trackIds.join('-')}`).sort()).toEqual([
      'keypoint-jump@80:0',
      'weak-match@10:0',
      'weak-match@11:1',
    ]);
  });

  it("folds weaker kinds near a stronger span on the same tracks into it, at the stronger span's frames", () => {
    const spans = groupProblems([
      p('likely-swap', 60, [0, 1], 0.9),
      p('identity-jump', 60, [1], 0.8),
      p('keypoint-jump', 52, [0]),
      p('confidence-drop', 75, [1]),
      p('keypoint-jump', 120, [0]),
    ]);
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({ kind: 'likely-swap', firstFrame: 60, lastFrame: 60, trackIds: [0, 1] });
    expect(spans[0].problems.map((x) => x.kind).sort()).toEqual([
      'confidence-drop',
      'identity-jump',
      'keypoint-jump',
      'likely-swap',
    ]);
    expect(spans[0].detail).toMatch(/nearby also /);
    expect(spans[1]).toMatchObject({ kind: 'keypoint-jump', firstFrame: 120 });
  });

  it('ranks identity errors and lost frames above pose noise of higher severity', () => {
    const spans = groupProblems([
      p('keypoint-jump', 10, [0], 1),
      p('confidence-drop', 200, [1], 1),
      p('track-gap', 300, [2], 0.5),
      p('identity-jump', 400, [3], 0.6),
    ]);
    expect(spans.map((s) => s.kind)).toEqual(['identity-jump', 'track-gap', 'keypoint-jump', 'confidence-drop']);
    expect(spans.every((s) => s.likelihood > 0 && s.likelihood <= 1)).toBe(true);
  });

  it('dismisses a span by its id, by all of its problems, or with its whole kind', () => {
    const spans = groupProblems([
      p('weak-match', 10, [0]),
      p('weak-match', 12, [0]),
      p('weak-match', 100, [0]),
      p('track-gap', 300, [1]),
    ]);
    const weak = spans.filter((s) => s.kind === 'weak-match');
    expect(openSpans(spans, new Set([weak[0].id]))).toHaveLength(2);
    expect(isDismissed(weak[0], new Set(weak[0].problems.map((x) => x.id)))).toBe(true);
    expect(openSpans(spans, new Set([kindDismissalId('weak-match')])).map((s) => s.kind)).toEqual(['track-gap']);
  });
});
