import { plotFrameX, plotValueRange, type PlotTimeAxis } from './plot-axes';

/** A plotted line: one value per video frame (NaN = nothing there). */
export interface PlotLine {
  color: string;
  values: Float32Array;
  /** Drawn thin and faint (the raw line behind a filtered one). */
  faint?: boolean;
}

export interface PlotScene {
  axis: PlotTimeAxis;
  widthPx: number;
  heightPx: number;
  frameCount: number;
  frameIndex: number;
  lines: PlotLine[];
  unit: string;
}

/** Left and right are the timeline's (see plot-axes): the name column, then the frames to the edge. */
const PAD = { top: 8, bottom: 16 };
const COLORS = { bg: '#15181e', grid: '#262b34', text: '#8b94a3', playhead: '#ffffff' };

/**
 * Draws value-over-frame lines. Many frames per pixel column are reduced to that column's min and
 * max (a vertical stroke), so a 10-minute video costs one pass over its frames and a few thousand
 * strokes, not a path of 18 000 points per line.
 */
export function drawPlot(ctx: CanvasRenderingContext2D, s: PlotScene): void {
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, s.widthPx, s.heightPx);
  const left = s.axis.labelWidthPx;
  const areaW = Math.max(s.axis.areaWidthPx, 1);
  const areaH = Math.max(s.heightPx - PAD.top - PAD.bottom, 1);
  const range = plotValueRange(
    s.lines.map((l) => l.values),
    s.unit,
  );
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';
  if (!range) {
    ctx.fillStyle = COLORS.text;
    ctx.fillText('no values for the selected tracks', left + 8, s.heightPx / 2);
  } else {
    const [lo, hi] = range;
    const fy = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * areaH;
    const fx = (f: number) => plotFrameX(s.axis, f);
    for (let i = 0; i <= 3; i++) {
      const v = lo + ((hi - lo) * i) / 3;
      const y = Math.round(fy(v)) + 0.5;
      ctx.fillStyle = COLORS.grid;
      ctx.fillRect(left, y, areaW, 1);
      ctx.fillStyle = COLORS.text;
      ctx.fillText(`${Math.round(v)}${s.unit === '°' ? '°' : ''}`, 8, y);
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, areaW, s.heightPx);
    ctx.clip();
    for (const line of s.lines) drawLine(ctx, line, fx, fy, s.axis, areaW);
    ctx.restore();
  }
  ctx.fillStyle = COLORS.text;
  ctx.fillText(s.unit, 8, s.heightPx - 7);
  const px = plotFrameX(s.axis, s.frameIndex);
  if (px >= left - 1 && px <= s.widthPx) {
    ctx.fillStyle = COLORS.playhead;
    ctx.fillRect(Math.round(px) - 1, 0, 2, s.heightPx);
  }
}

function drawLine(
  ctx: CanvasRenderingContext2D,
  line: PlotLine,
  fx: (f: number) => number,
  fy: (v: number) => number,
  axis: PlotTimeAxis,
  areaW: number,
): void {
  ctx.strokeStyle = line.color;
  ctx.globalAlpha = line.faint ? 0.35 : 1;
  ctx.lineWidth = line.faint ? 1 : 1.75;
  const framesPerPx = axis.win.visibleFrames / areaW;
  const first = Math.max(0, Math.floor(axis.win.startFrame) - 1);
  const end = Math.min(line.values.length, Math.ceil(axis.win.startFrame + axis.win.visibleFrames) + 1);
  ctx.beginPath();
  if (framesPerPx <= 2) {
    let drawing = false;
    for (let f = first; f < end; f++) {
      const v = line.values[f];
      if (!Number.isFinite(v)) {
        drawing = false;
        continue;
      }
      if (drawing) ctx.lineTo(fx(f), fy(v));
      else ctx.moveTo(fx(f), fy(v));
      drawing = true;
    }
  } else {
    const columns = Math.ceil(areaW);
    for (let c = 0; c < columns; c++) {
      const a = Math.floor(axis.win.startFrame + c * framesPerPx);
      const b = Math.min(Math.floor(axis.win.startFrame + (c + 1) * framesPerPx), line.values.length);
      let [lo, hi] = [Infinity, -Infinity];
      for (let f = Math.max(a, 0); f < b; f++) {
        const v = line.values[f];
        if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      }
      if (!Number.isFinite(lo)) continue;
      const x = fx(a);
      ctx.moveTo(x, fy(lo) + 0.5);
      ctx.lineTo(x, fy(hi) - 0.5);
    }
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}
