import type { FilterSettings, FramePoses, TrackedPose, TrackingResult } from '../../../core/types';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { DEFAULT_FILTERS, filtersActive } from '../../../core/analysis/filter-settings';
import { detectProblems, groupProblems, isDismissed, kindDismissalId, type Problem, type ProblemKind, type ProblemSpan } from '../../../core/review/problems';
import type { PlotMeasure } from '../../../core/analysis/plot-series';
import { overlapFrames } from '../../../core/project/range-edits';
import type { AppStore } from './app.svelte';
import { indexFrames } from './presence';
import { toasts } from './toasts.svelte';

/** An inclusive frame range chosen on the timeline. */
export interface FrameRange {
  from: number;
  to: number;
}

/** A merge that would drop poses: what the merge dialog asks about. */
export interface MergePrompt {
  targetId: number;
  sourceId: number;
  overlapFrames: number;
  /** Frames of the source where the target is absent: what a lossless merge moves. */
  movableFrames: number;
}

/**
 * Proofreading state beside the AppStore: the filtered preview, the problem list, the timeline
 * range, the keypoint being edited and the plot panel. The result and the filter settings stay in
 * the project (owned by the back end); everything here is derived from them or is view state.
 */
export class ReviewStore {
  showFiltered = $state(false);
  range = $state.raw<FrameRange | null>(null);
  /** Index of the keypoint picked in the editor layer (of the one selected track). */
  keypoint = $state<number | null>(null);
  plotOpen = $state(false);
  plotMeasure = $state.raw<PlotMeasure>({ kind: 'y', keypoint: 9 });
  hideReviewed = $state(false);
  mergePrompt = $state.raw<MergePrompt | null>(null);

  constructor(private readonly app: AppStore) {}

  filters = $derived.by<FilterSettings>(() => this.app.project?.filters ?? DEFAULT_FILTERS);
  filtersOn = $derived(filtersActive(this.filters));
  filteredResult = $derived.by<TrackingResult | null>(() => {
    const result = this.app.project?.result;
    if (!result || !this.filtersOn) return result ?? null;
    try {
      return applyFilters(result, this.filters);
    } catch {
      return result;
    }
  });
  /** What the player draws: the filtered result while the preview is on, else the raw (edited) one. */
  displayFrames = $derived.by<FramePoses[]>(() => (this.showFiltered && this.filteredResult && !this.app.run ? this.filteredResult.frames : this.app.frames));
  displayByIndex = $derived.by(() => indexFrames(this.displayFrames, this.app.frameCount));
  currentPoses = $derived.by<TrackedPose[]>(() => this.displayByIndex[this.app.frameIndex]?.poses ?? []);

  problems = $derived.by<Problem[]>(() => (this.app.project && !this.app.run ? detectProblems(this.app.project.result) : []));
  reviewed = $derived.by(() => new Set(this.app.project?.reviewedProblems ?? []));
  /** The list the panel shows: problems grouped into spans, most likely real errors first. */
  spans = $derived.by<ProblemSpan[]>(() => groupProblems(this.problems));
  openSpans = $derived(this.spans.filter((s) => !isDismissed(s, this.reviewed)));
  shownSpans = $derived(this.hideReviewed ? this.openSpans : this.spans);
  /** Kinds with their span counts, for dismissing a whole kind at once. */
  kinds = $derived.by(() => {
    const counts = new Map<ProblemKind, number>();
    for (const s of this.spans) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
    return [...counts.entries()].map(([kind, count]) => ({ kind, count, dismissed: this.reviewed.has(kindDismissalId(kind)) }));
  });

  /** The one selected track whose keypoints the editor layer offers, or null. */
  editableTrack = $derived.by(() => (this.app.selected.length === 1 && !this.showFiltered && !this.app.run ? this.app.selected[0] : null));

  reset(): void {
    this.range = null;
    this.keypoint = null;
    this.mergePrompt = null;
  }

  // ── problems ───────────────────────────────────────────────────────────────
  /** Jumps to the next (1) or previous (−1) open span after/before the current frame. */
  stepProblem(direction: 1 | -1): boolean {
    const open = [...this.openSpans].sort((a, b) => a.firstFrame - b.firstFrame);
    const here = this.app.frameIndex;
    const next = direction > 0 ? open.find((s) => s.firstFrame > here) : [...open].reverse().find((s) => s.firstFrame < here);
    if (!next) {
      toasts.info(open.length ? `No open problem ${direction > 0 ? 'after' : 'before'} frame ${here}` : 'No open problems left');
      return true;
    }
    this.goTo(next);
    return true;
  }

  goTo(span: ProblemSpan | Problem): void {
    this.app.player?.setPlaying(false);
    this.app.seekFrame('firstFrame' in span ? span.firstFrame : span.frameIndex);
    this.app.selected = [...span.trackIds];
  }

  /** Dismisses (or brings back) the span starting at the current frame, else the one covering it. */
  markCurrentReviewed(): boolean {
    const here = this.app.frameIndex;
    const starting = this.spans.filter((s) => s.firstFrame === here);
    const candidates = starting.length ? starting : this.spans.filter((s) => s.firstFrame <= here && here <= s.lastFrame);
    const target = candidates.find((s) => !isDismissed(s, this.reviewed)) ?? candidates[0];
    if (!target) {
      toasts.info(`No problem at frame ${here}`, 'N / Shift+N jump to the next / previous one.');
      return true;
    }
    void this.setReviewed(target, !isDismissed(target, this.reviewed));
    return true;
  }

  /** Dismisses a whole span (kept in the project) or brings it back. */
  async setReviewed(span: ProblemSpan, reviewed: boolean): Promise<void> {
    if (reviewed) return this.app.edit({ kind: 'review', problemId: span.id, reviewed: true });
    // Bringing a span back clears every mark that hides it, its single problems' included.
    const marks = [span.id, ...span.problems.map((p) => p.id)].filter((id) => this.reviewed.has(id));
    for (const problemId of marks) await this.app.edit({ kind: 'review', problemId, reviewed: false });
  }

  /** Dismisses every span of a kind (and any found later after edits), or brings them back. */
  setKindDismissed(kind: ProblemKind, dismissed: boolean): Promise<void> {
    return this.app.edit({ kind: 'review', problemId: kindDismissalId(kind), reviewed: dismissed });
  }

  // ── filters ────────────────────────────────────────────────────────────────
  /** Settings sent but not yet confirmed, so two quick changes build on each other, not on stale state. */
  private pendingFilters: FilterSettings | null = null;

  async setFilters(patch: Partial<FilterSettings>): Promise<void> {
    const filters = { ...(this.pendingFilters ?? this.filters), ...patch };
    this.pendingFilters = filters;
    try {
      await this.app.edit({ kind: 'setFilters', filters });
    } finally {
      if (this.pendingFilters === filters) this.pendingFilters = null;
    }
  }

  toggleFiltered(): boolean {
    if (!this.filtersOn && !this.showFiltered) toasts.info('No filter is on', 'Choose smoothing or gap filling in the Filters panel to preview it.');
    this.showFiltered = !this.showFiltered;
    return true;
  }

  // ── timeline range ─────────────────────────────────────────────────────────
  /** Shift+click / Shift+drag on the timeline: a range from `anchor` to `frame`. */
  setRange(anchor: number, frame: number): void {
    this.range = { from: Math.min(anchor, frame), to: Math.max(anchor, frame) };
  }

  // ── merge without losing poses ─────────────────────────────────────────────
  /** Merges at once when nothing overlaps; otherwise asks (the prompt offers only lossless choices). */
  requestMerge(targetId: number, sourceId: number): void {
    const result = this.app.project?.result;
    if (!result) return;
    const overlap = overlapFrames(result, targetId, sourceId).length;
    if (overlap === 0) {
      const before = this.app.project?.revision;
      void this.app.edit({ kind: 'merge', targetId, sourceId }).then(() => {
        if (this.app.project?.revision === before) return;
        this.app.selected = [targetId];
        toasts.success(`Merged ${this.app.nameOf(sourceId)} into ${this.app.nameOf(targetId)}`, undefined, { label: 'Undo', run: () => void this.app.undo() });
      });
      return;
    }
    const sourceFrames = result.frames.filter((f) => f.poses.some((p) => p.trackId === sourceId)).length;
    this.mergePrompt = { targetId, sourceId, overlapFrames: overlap, movableFrames: sourceFrames - overlap };
  }

  async confirmMerge(): Promise<void> {
    const prompt = this.mergePrompt;
    this.mergePrompt = null;
    if (!prompt) return;
    await this.app.edit({ kind: 'merge', targetId: prompt.targetId, sourceId: prompt.sourceId, overlap: 'keep-source' });
    toasts.info(`Merged ${prompt.movableFrames} frames of ${this.app.nameOf(prompt.sourceId)} into ${this.app.nameOf(prompt.targetId)}`, `The ${prompt.overlapFrames} overlapping poses stay on ${this.app.nameOf(prompt.sourceId)}.`, {
      label: 'Undo',
      run: () => void this.app.undo(),
    });
  }
}
