import type { Problem, ProblemKind } from './problem-types';

/**
 * Problems grouped for reading: consecutive frames of one kind on the same tracks make one span
 * (a back flip that the pose model cannot follow is one thing to look at, not twelve), and spans
 * are ranked by how likely they are a real tracking error.
 */
export interface ProblemSpan {
  /** Stable across recomputation of the same result: `span:kind@firstFrame:tracks`. Dismissal marks use it. */
  id: string;
  kind: ProblemKind;
  trackIds: number[];
  firstFrame: number;
  lastFrame: number;
  /** The problems it groups, in frame order. */
  problems: Problem[];
  /** 0..1: how likely the span is a real error (identity, lost person) rather than pose noise. */
  likelihood: number;
  /** One line for the list: the worst problem's detail, and how many frames it covers. */
  detail: string;
}

/**
 * Problems of one kind and tracks at most this many frames apart fall into one span (two thirds of
 * a second at 30 fps); a weaker kind's span this close to a stronger one on the same tracks joins it.
 */
export const SPAN_GAP_FRAMES = 20;

/**
 * How much each kind says about a real error. Swaps, jumps to another person and lost frames break
 * identities, which every later frame inherits; a keypoint flicking or a score dipping is mostly the
 * pose model's noise on a hard frame.
 */
export const KIND_WEIGHT: Record<ProblemKind, number> = {
  'likely-swap': 1,
  'identity-jump': 1,
  'track-gap': 0.9,
  'track-start': 0.75,
  'track-end': 0.75,
  'weak-match': 0.55,
  'keypoint-jump': 0.4,
  'confidence-drop': 0.35,
};

/** The reviewed mark that dismisses every span of a kind at once. */
export function kindDismissalId(kind: ProblemKind): string {
  return `kind:${kind}`;
}

export function spanId(kind: ProblemKind, firstFrame: number, trackIds: readonly number[]): string {
  return `span:${kind}@${firstFrame}:${trackIds.join('-')}`;
}

export function groupProblems(problems: readonly Problem[], gapFrames = SPAN_GAP_FRAMES): ProblemSpan[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.kind}:${p.trackIds.join('-')}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  const spans: ProblemSpan[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.frameIndex - b.frameIndex);
    let run: Problem[] = [];
    for (const p of list) {
      if (run.length && p.frameIndex - lastFrameOf(run[run.length - 1]) > gapFrames) {
        spans.push(makeSpan(run));
        run = [];
      }
      run.push(p);
    }
    if (run.length) spans.push(makeSpan(run));
  }
  return rankSpans(absorbWeaker(spans, gapFrames));
}

/**
 * One event shows up as several kinds: a person lost in glare gives weak matches, keypoint jumps
 * and a confidence drop on the same frames. The weaker kinds' spans join the strongest span on the
 * same tracks within `gapFrames` of them, as its evidence, so the event is listed once under its
 * most telling kind, at that kind's frames.
 */
function absorbWeaker(spans: ProblemSpan[], gapFrames: number): ProblemSpan[] {
  const byStrength = [...spans].sort(
    (a, b) => KIND_WEIGHT[b.kind] - KIND_WEIGHT[a.kind] || a.firstFrame - b.firstFrame,
  );
  const kept: { span: ProblemSpan; extra: Problem[] }[] = [];
  for (const span of byStrength) {
    const host = kept.find(
      ({ span: k }) =>
        KIND_WEIGHT[k.kind] >= KIND_WEIGHT[span.kind] &&
        span.trackIds.every((id) => k.trackIds.includes(id)) &&
        span.firstFrame - k.lastFrame <= gapFrames &&
        k.firstFrame - span.lastFrame <= gapFrames,
    );
    // The host keeps its own frames (where its telling problem is), so one absorbed span cannot chain to the next.
    if (!host) kept.push({ span, extra: [] });
    else host.extra.push(...span.problems);
  }
  return kept.map(({ span, extra }) => (extra.length ? withEvidence(span, extra) : span));
}

/** A span with other kinds' problems folded in: a little likelier, and saying what else was seen. */
function withEvidence(span: ProblemSpan, extra: Problem[]): ProblemSpan {
  const kinds = [...new Set(extra.map((p) => p.kind))];
  const likelihood = Math.min(1, span.likelihood + Math.min(0.1, 0.02 * extra.length));
  return {
    ...span,
    likelihood,
    problems: [...span.problems, ...extra].sort((a, b) => a.frameIndex - b.frameIndex),
    detail: `${span.detail}; nearby also ${kinds.join(', ')}`,
  };
}

/** Most likely real errors first; ties by frame. */
export function rankSpans(spans: readonly ProblemSpan[]): ProblemSpan[] {
  return [...spans].sort(
    (a, b) => b.likelihood - a.likelihood || a.firstFrame - b.firstFrame || a.id.localeCompare(b.id),
  );
}

/** Spans the user has not dismissed (one by one, or their whole kind). */
export function openSpans(spans: readonly ProblemSpan[], dismissed: ReadonlySet<string>): ProblemSpan[] {
  return spans.filter((s) => !isDismissed(s, dismissed));
}

export function isDismissed(span: ProblemSpan, dismissed: ReadonlySet<string>): boolean {
  return (
    dismissed.has(span.id) ||
    dismissed.has(kindDismissalId(span.kind)) ||
    span.problems.every((p) => dismissed.has(p.id))
  );
}

/** A problem's last frame: coalesced streaks say "in frames a–b" in their detail. */
function lastFrameOf(p: Problem): number {
  return p.lastFrameIndex ?? p.frameIndex;
}

function makeSpan(run: Problem[]): ProblemSpan {
  const first = run[0];
  const lastFrame = Math.max(...run.map(lastFrameOf));
  const worst = run.reduce((m, p) => (p.severity > m.severity ? p : m), first);
  // More evidence in one place makes a real error likelier, with diminishing returns.
  const support = Math.min(0.1, 0.03 * (run.length - 1));
  const likelihood = Math.min(1, KIND_WEIGHT[first.kind] * (0.6 + 0.4 * worst.severity) + support);
  const frames = lastFrame > first.frameIndex ? `; frames ${first.frameIndex}–${lastFrame}` : '';
  const detail = `${worst.detail.replace(/; \d+× in frames \d+–\d+$/, '')}${run.length > 1 ? `; ${run.length}×` : ''}${frames}`;
  return {
    id: spanId(first.kind, first.frameIndex, first.trackIds),
    kind: first.kind,
    trackIds: first.trackIds,
    firstFrame: first.frameIndex,
    lastFrame,
    problems: run,
    likelihood,
    detail,
  };
}
