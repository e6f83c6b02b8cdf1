import { TIMELINE_COUNT_ROW_HEIGHT_PX, TIMELINE_LANE_HEIGHT_PX, TIMELINE_RULER_HEIGHT_PX } from './constants';
import type { FrameRun } from './presence';
import { frameToX, type TimelineWindow } from './timeline-view';
import { timelineLabel } from './timeline-label.svelte';

export interface TimelineRows {
  trackIds: number[];
  runs: Map<number, FrameRun[]>;
  counts: Uint16Array;
}

export interface TimelineScene {
  widthPx: number;
  heightPx: number;
  win: TimelineWindow;
  frameCount: number;
  rows: TimelineRows;
  frameIndex: number;
  colorOf: (trackId: number) => string;
  nameOf: (trackId: number) => string;
  hidden: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  /** While a run is going: frames processed so far (the rest is shaded). */
  processedFrames: number | null;
}

const COLORS = {
  bg: '#15181e',
  laneAlt: '#181c23',
  ruler: '#1b1f26',
  grid: '#262b34',
  text: '#8b94a3',
  count: '#5b6b84',
  playhead: '#ffffff',
  selected: '#21314a',
};

/** Lane index under y (CSS pixels from the canvas top), or null outside the lanes. */
export function laneAt(y: number, laneCount: number): number | null {
  const lane = Math.floor((y - TIMELINE_RULER_HEIGHT_PX - TIMELINE_COUNT_ROW_HEIGHT_PX) / TIMELINE_LANE_HEIGHT_PX);
  return lane >= 0 && lane < laneCount ? lane : null;
}

/** Frames between ruler labels so that labels stay at least ~70 px apart. */
function tickStep(framesPerPx: number): number {
  const minFrames = framesPerPx * 70;
  for (const step of [1, 2, 5, 10, 15, 30, 60, 150, 300, 600, 1500, 3000, 9000, 18000])
    if (step >= minFrames) return step;
  return 36000;
}

export function drawTimeline(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const areaW = Math.max(s.widthPx - timelineLabel.px, 1);
  const x0 = timelineLabel.px;
  const fx = (f: number) => x0 + frameToX(s.win, f, areaW);
  const frameW = Math.max(areaW / s.win.visibleFrames, 1);
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, s.widthPx, s.heightPx);
  ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';

  drawRuler(ctx, s, fx, areaW);
  drawCounts(ctx, s, fx, frameW);
  drawLanes(ctx, s, fx, frameW);

  if (s.processedFrames != null && s.processedFrames < s.frameCount) {
    const x = Math.max(fx(s.processedFrames), x0);
    ctx.fillStyle = 'rgba(10,12,16,0.55)';
    ctx.fillRect(x, TIMELINE_RULER_HEIGHT_PX, s.widthPx - x, s.heightPx);
  }

  const px = fx(s.frameIndex);
  if (px >= x0 - 1 && px <= s.widthPx) {
    ctx.fillStyle = 'rgba(255,255,255,0.12)';
    ctx.fillRect(px, 0, frameW, s.heightPx);
    ctx.fillStyle = COLORS.playhead;
    ctx.fillRect(Math.round(px + frameW / 2) - 1, 0, 2, s.heightPx);
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, s: TimelineScene, fx: (f: number) => number, areaW: number): void {
  ctx.fillStyle = COLORS.ruler;
  ctx.fillRect(0, 0, s.widthPx, TIMELINE_RULER_HEIGHT_PX);
  const step = tickStep(s.win.visibleFrames / areaW);
  const first = Math.ceil(s.win.startFrame / step) * step;
  for (let f = first; f < s.win.startFrame + s.win.visibleFrames; f += step) {
    const x = Math.round(fx(f)) + 0.5;
    ctx.fillStyle = COLORS.grid;
    ctx.fillRect(x, TIMELINE_RULER_HEIGHT_PX - 5, 1, s.heightPx);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(String(f), x + 3, TIMELINE_RULER_HEIGHT_PX / 2);
  }
  ctx.fillStyle = COLORS.text;
  ctx.fillText('frame', 8, TIMELINE_RULER_HEIGHT_PX / 2);
}

function drawCounts(ctx: CanvasRenderingContext2D, s: TimelineScene, fx: (f: number) => number, frameW: number): void {
  const top = TIMELINE_RULER_HEIGHT_PX;
  const h = TIMELINE_COUNT_ROW_HEIGHT_PX - 4;
  let max = 1;
  for (const c of s.rows.counts) max = Math.max(max, c);
  ctx.fillStyle = COLORS.text;
  ctx.fillText(`people ≤${max}`, 8, top + TIMELINE_COUNT_ROW_HEIGHT_PX / 2);
  ctx.fillStyle = COLORS.count;
  const start = Math.max(0, Math.floor(s.win.startFrame));
  const end = Math.min(s.frameCount, Math.ceil(s.win.startFrame + s.win.visibleFrames));
  for (let f = start; f < end; f++) {
    const c = s.rows.counts[f];
    if (!c) continue;
    const bh = Math.max(2, (c / max) * h);
    ctx.fillRect(fx(f), top + 2 + h - bh, Math.ceil(frameW), bh);
  }
}

function drawLanes(ctx: CanvasRenderingContext2D, s: TimelineScene, fx: (f: number) => number, frameW: number): void {
  const top = TIMELINE_RULER_HEIGHT_PX + TIMELINE_COUNT_ROW_HEIGHT_PX;
  const x0 = timelineLabel.px;
  s.rows.trackIds.forEach((id, lane) => {
    const y = top + lane * TIMELINE_LANE_HEIGHT_PX;
    const selected = s.selected.has(id);
    ctx.fillStyle = selected ? COLORS.selected : lane % 2 ? COLORS.laneAlt : COLORS.bg;
    ctx.fillRect(0, y, s.widthPx, TIMELINE_LANE_HEIGHT_PX);
    const color = s.colorOf(id);
    const hidden = s.hidden.has(id);
    ctx.fillStyle = color;
    ctx.fillRect(8, y + 4, 8, TIMELINE_LANE_HEIGHT_PX - 8);
    ctx.fillStyle = selected ? '#ffffff' : hidden ? '#5d6573' : '#c4cad4';
    ctx.fillText(fitText(ctx, s.nameOf(id), x0 - 26), 22, y + TIMELINE_LANE_HEIGHT_PX / 2);
    ctx.globalAlpha = hidden ? 0.3 : 1;
    ctx.fillStyle = color;
    for (const [a, b] of s.rows.runs.get(id) ?? []) {
      const xa = Math.max(fx(a), x0);
      const xb = Math.min(fx(b) + frameW, s.widthPx);
      if (xb > xa) ctx.fillRect(xa, y + 3, Math.max(xb - xa, 1), TIMELINE_LANE_HEIGHT_PX - 6);
    }
    ctx.globalAlpha = 1;
  });
}

/** The text, shortened with an ellipsis only when it does not fit in `maxWidthPx`. */
function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidthPx: number): string {
  if (ctx.measureText(text).width <= maxWidthPx) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > maxWidthPx) n--;
  return `${text.slice(0, n)}…`;
}
