import type { FilterSettings, FramePoses, TrackedPose, TrackingResult } from '../../../core/types';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { DEFAULT_FILTERS, filtersActive } from '../../../core/analysis/filter-settings';
import {
  detectProblems,
  groupProblems,
  isDismissed,
  kindDismissalId,
  type Problem,
  type ProblemKind,
  type ProblemSpan,
} from '../../../core/review/problems';
import type { PlotMeasure } from '../../../core/analysis/plot-series';
import { overlapFrames } from '../../../core/project/range-edits';
import type { FramesStore } from './frames.svelte';
import type { PlaybackStore } from './playback.svelte';
import type { ProjectStore } from './project.svelte';
import type { RunStore } from './run.svelte';
import type { SelectionStore } from './selection.svelte';
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

/** The stores the review reads and drives. */
export interface ReviewDeps {
  project: ProjectStore;
  run: RunStore;
  frames: FramesStore;
  playback: PlaybackStore;
  selection: SelectionStore;
}

/**
 * Proofreading state: the filtered preview, the problem list, the timeline
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

  private readonly project: ProjectStore;
  private readonly run: RunStore;
  private readonly frames: FramesStore;
  private readonly playback: PlaybackStore;
  private readonly selection: SelectionStore;

  constructor(deps: ReviewDeps) {
    ({
      project: this.project,
      run: this.run,
      frames: this.frames,
      playback: this.playback,
      selection: this.selection,
    } = deps);
  }

  filters = $derived.by<FilterSettings>(() => this.project.project?.filters ?? DEFAULT_FILTERS);
  filtersOn = $derived(filtersActive(this.filters));
  filteredResult = $derived.by<TrackingResult | null>(() => {
    const result = this.project.project?.result;
    if (!result || !this.filtersOn) return result ?? null;
    try {
      return applyFilters(result, this.filters);
    } catch {
      return result;
    }
  });
  /** What the player draws: the filtered result while the preview is on, else the raw (edited) one. */
  displayFrames = $derived.by<FramePoses[]>(() =>
    this.showFiltered && this.filteredResult && !this.run.run ? this.filteredResult.frames : this.frames.frames,
  );
  displayByIndex = $derived.by(() => indexFrames(this.displayFrames, this.playback.frameCount));
  currentPoses = $derived.by<TrackedPose[]>(() => this.displayByIndex[this.playback.frameIndex]?.poses ?? []);

  problems = $derived.by<Problem[]>(() =>
    this.project.project && !this.run.run ? detectProblems(this.project.project.result) : [],
  );
  reviewed = $derived.by(() => new Set(this.project.project?.reviewedProblems ?? []));
  /** The list the panel shows: problems grouped into spans, most likely real errors first. */
  spans = $derived.by<ProblemSpan[]>(() => groupProblems(this.problems));
  openSpans = $derived(this.spans.filter((s) => !isDismissed(s, this.reviewed)));
  shownSpans = $derived(this.hideReviewed ? this.openSpans : this.spans);
  /** Kinds with their span counts, for dismissing a whole kind at once. */
  kinds = $derived.by(() => {
    const counts = new Map<ProblemKind, number>();
    for (const s of this.spans) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
    return [...counts.entries()].map(([kind, count]) => ({
      kind,
      count,
      dismissed: this.reviewed.has(kindDismissalId(kind)),
    }));
  });

  /** The one selected track whose keypoints the editor layer offers, or null. */
  editableTrack = $derived.by(() =>
    this.selection.selected.length === 1 && !this.showFiltered && !this.run.run ? this.selection.selected[0] : null,
  );

  reset(): void {
    this.range = null;
    this.keypoint = null;
    this.mergePrompt = null;
  }

  setKeypoint(index: number | null): void {
    this.keypoint = index;
  }

  togglePlot(): void {
    this.plotOpen = !this.plotOpen;
  }

  setPlotMeasure(measure: PlotMeasure): void {
    this.plotMeasure = measure;
  }

  setHideReviewed(hide: boolean): void {
    this.hideReviewed = hide;
  }

  // ── problems ───────────────────────────────────────────────────────────────
  /** Jumps to the next (1) or previous (−1) open span after/before the current frame. */
  stepProblem(direction: 1 | -1): boolean {
    const open = [...this.openSpans].sort((a, b) => a.firstFrame - b.firstFrame);
    const here = this.playback.frameIndex;
    const next =
      direction > 0 ? open.find((s) => s.firstFrame > here) : [...open].reverse().find((s) => s.firstFrame < here);
    if (!next) {
      toasts.info(
        open.length ? `No open problem ${direction > 0 ? 'after' : 'before'} frame ${here}` : 'No open problems left',
      );
      return true;
    }
    this.goTo(next);
    return true;
  }

  goTo(span: ProblemSpan | Problem): void {
    this.playback.pause();
    this.playback.seekFrame('firstFrame' in span ? span.firstFrame : span.frameIndex);
    this.selection.select(span.trackIds);
  }

  /** Dismisses (or brings back) the span starting at the current frame, else the one covering it. */
  markCurrentReviewed(): boolean {
    const here = this.playback.frameIndex;
    const starting = this.spans.filter((s) => s.firstFrame === here);
    const candidates = starting.length
      ? starting
      : this.spans.filter((s) => s.firstFrame <= here && here <= s.lastFrame);
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
    if (reviewed) return this.project.edit({ kind: 'review', problemId: span.id, reviewed: true });
    // Bringing a span back clears every mark that hides it, its single problems' included.
    const marks = [span.id, ...span.problems.map((p) => p.id)].filter((id) => this.reviewed.has(id));
    for (const problemId of marks) await this.project.edit({ kind: 'review', problemId, reviewed: false });
  }

  /** Dismisses every span of a kind (and any found later after edits), or brings them back. */
  setKindDismissed(kind: ProblemKind, dismissed: boolean): Promise<void> {
    return this.project.edit({ kind: 'review', problemId: kindDismissalId(kind), reviewed: dismissed });
  }

  // ── filters ────────────────────────────────────────────────────────────────
  /** Settings sent but not yet confirmed, so two quick changes build on each other, not on stale state. */
  private pendingFilters: FilterSettings | null = null;

  async setFilters(patch: Partial<FilterSettings>): Promise<void> {
    const filters = { ...(this.pendingFilters ?? this.filters), ...patch };
    this.pendingFilters = filters;
    try {
      await this.project.edit({ kind: 'setFilters', filters });
    } finally {
      if (this.pendingFilters === filters) this.pendingFilters = null;
    }
  }

  toggleFiltered(): boolean {
    if (!this.filtersOn && !this.showFiltered)
      toasts.info('No filter is on', 'Choose smoothing or gap filling in the Filters panel to preview it.');
    this.showFiltered = !this.showFiltered;
    return true;
  }

  // ── timeline range ─────────────────────────────────────────────────────────
  /** Shift+click / Shift+drag on the timeline: a range from `anchor` to `frame`. */
  setRange(anchor: number, frame: number): void {
    this.range = { from: Math.min(anchor, frame), to: Math.max(anchor, frame) };
  }

  clearRange(): void {
    this.range = null;
  }

  // ── merge without losing poses ─────────────────────────────────────────────
  /** Merges at once when nothing overlaps; otherwise asks (the prompt offers only lossless choices). */
  requestMerge(targetId: number, sourceId: number): void {
    const result = this.project.project?.result;
    if (!result) return;
    const overlap = overlapFrames(result, targetId, sourceId).length;
    if (overlap === 0) {
      const before = this.project.project?.revision;
      void this.project.edit({ kind: 'merge', targetId, sourceId }).then(() => {
        if (this.project.project?.revision === before) return;
        this.selection.select([targetId]);
        toasts.success(`Merged ${this.project.nameOf(sourceId)} into ${this.project.nameOf(targetId)}`, undefined, {
          label: 'Undo',
          run: () => void this.project.undo(),
        });
      });
      return;
    }
    const sourceFrames = result.frames.filter((f) => f.poses.some((p) => p.trackId === sourceId)).length;
    this.mergePrompt = { targetId, sourceId, overlapFrames: overlap, movableFrames: sourceFrames - overlap };
  }

  cancelMerge(): void {
    this.mergePrompt = null;
  }

  async confirmMerge(): Promise<void> {
    const prompt = this.mergePrompt;
    this.mergePrompt = null;
    if (!prompt) return;
    await this.project.edit({
      kind: 'merge',
      targetId: prompt.targetId,
      sourceId: prompt.sourceId,
      overlap: 'keep-source',
    });
    toasts.info(
      `Merged ${prompt.movableFrames} frames of ${this.project.nameOf(prompt.sourceId)} into ${this.project.nameOf(prompt.targetId)}`,
      `The ${prompt.overlapFrames} overlapping poses stay on ${this.project.nameOf(prompt.sourceId)}.`,
      {
        label: 'Undo',
        run: () => void this.project.undo(),
      },
    );
  }
}
