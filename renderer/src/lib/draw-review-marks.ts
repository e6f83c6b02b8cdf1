import { isDismissed, type ProblemSpan } from '../../../core/review/problems';
import { TIMELINE_RULER_HEIGHT_PX } from './constants';
import { PROBLEM_KINDS } from './problem-labels';
import { frameToX, type TimelineWindow } from './timeline-view';
import { timelineLabel } from './timeline-label.svelte';
import type { FrameRange } from './review.svelte';

export interface ReviewMarks {
  widthPx: number;
  heightPx: number;
  win: TimelineWindow;
  range: FrameRange | null;
  spans: readonly ProblemSpan[];
  reviewed: ReadonlySet<string>;
}

/** Problem span marks (ticks under the ruler at each span's first frame, faded once dismissed) and the selected frame range, over the timeline. */
export function drawReviewMarks(ctx: CanvasRenderingContext2D, s: ReviewMarks): void {
  const areaW = Math.max(s.widthPx - timelineLabel.px, 1);
  const fx = (f: number) => timelineLabel.px + frameToX(s.win, f, areaW);
  const frameW = Math.max(areaW / s.win.visibleFrames, 1);
  if (s.range) {
    const x0 = Math.max(fx(s.range.from), timelineLabel.px);
    const x1 = Math.min(fx(s.range.to) + frameW, s.widthPx);
    if (x1 > x0) {
      ctx.fillStyle = 'rgba(76,157,255,0.18)';
      ctx.fillRect(x0, 0, x1 - x0, s.heightPx);
      ctx.fillStyle = '#4c9dff';
      ctx.fillRect(x0, 0, 2, s.heightPx);
      ctx.fillRect(x1 - 2, 0, 2, s.heightPx);
    }
  }
  for (const p of s.spans) {
    const x = fx(p.firstFrame);
    if (x < timelineLabel.px - 2 || x > s.widthPx) continue;
    ctx.globalAlpha = isDismissed(p, s.reviewed) ? 0.25 : 0.5 + 0.5 * p.likelihood;
    ctx.fillStyle = PROBLEM_KINDS[p.kind].color;
    ctx.beginPath();
    const cx = x + frameW / 2;
    ctx.moveTo(cx - 4, TIMELINE_RULER_HEIGHT_PX - 7);
    ctx.lineTo(cx + 4, TIMELINE_RULER_HEIGHT_PX - 7);
    ctx.lineTo(cx, TIMELINE_RULER_HEIGHT_PX);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}
