/** A plotted line: one value per video frame (NaN = nothing there). */
export interface PlotLine {
  color: string;
  values: Float32Array;
  /** Drawn thin and faint (the raw line behind a filtered one). */
  faint?: boolean;
}

export interface PlotScene {
  widthPx: number;
  heightPx: number;
  frameCount: number;
  frameIndex: number;
  lines: PlotLine[];
  unit: string;
}

const PAD = { left: 46, right: 8, top: 8, bottom: 16 };
const COLORS = { bg: '#15181e', grid: '#262b34', text: '#8b94a3', playhead: '#ffffff' };

export function plotFrameAt(xPx: number, widthPx: number, frameCount: number): number {
  const areaW = Math.max(widthPx - PAD.left - PAD.right, 1);
  return Math.min(Math.max(Math.round(((xPx - PAD.left) / areaW) * (frameCount - 1)), 0), Math.max(frameCount - 1, 0));
}

function valueRange(lines: PlotLine[]): [number, number] | null {
  let [lo, hi] = [Infinity, -Infinity];
  for (const line of lines) for (const v of line.values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo)) return null;
  const pad = Math.max((hi - lo) * 0.06, 1);
  return [lo - pad, hi + pad];
}

/**
 * Draws value-over-frame lines. Many frames per pixel column are reduced to that column's min and
 * max (a vertical stroke), so a 10-minute video costs one pass over its frames and a few thousand
 * strokes, not a path of 18 000 points per line.
 */
export function drawPlot(ctx: CanvasRenderingContext2D, s: PlotScene): void {
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, s.widthPx, s.heightPx);
  const areaW = Math.max(s.widthPx - PAD.left - PAD.right, 1);
  const areaH = Math.max(s.heightPx - PAD.top - PAD.bottom, 1);
  const range = valueRange(s.lines);
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';
  if (!range) {
    ctx.fillStyle = COLORS.text;
    ctx.fillText('no values for the selected tracks', PAD.left + 8, s.heightPx / 2);
  } else {
    const [lo, hi] = range;
    const fy = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * areaH;
    const fx = (f: number) => PAD.left + (f / Math.max(s.frameCount - 1, 1)) * areaW;
    for (let i = 0; i <= 3; i++) {
      const v = lo + ((hi - lo) * i) / 3;
      const y = Math.round(fy(v)) + 0.5;
      ctx.fillStyle = COLORS.grid;
      ctx.fillRect(PAD.left, y, areaW, 1);
      ctx.fillStyle = COLORS.text;
      ctx.fillText(`${Math.round(v)}${s.unit === 'px' ? '' : s.unit === '°' ? '°' : ''}`, 4, y);
    }
    for (const line of s.lines) drawLine(ctx, line, fx, fy, areaW, s.frameCount);
  }
  ctx.fillStyle = COLORS.text;
  ctx.fillText(s.unit, 4, s.heightPx - 7);
  const px = PAD.left + (s.frameIndex / Math.max(s.frameCount - 1, 1)) * areaW;
  ctx.fillStyle = COLORS.playhead;
  ctx.fillRect(Math.round(px) - 1, 0, 2, s.heightPx);
}

function drawLine(ctx: CanvasRenderingContext2D, line: PlotLine, fx: (f: number) => number, fy: (v: number) => number, areaW: number, frameCount: number): void {
  ctx.strokeStyle = line.color;
  ctx.globalAlpha = line.faint ? 0.35 : 1;
  ctx.lineWidth = line.faint ? 1 : 1.75;
  const framesPerPx = frameCount / areaW;
  ctx.beginPath();
  if (framesPerPx <= 2) {
    let drawing = false;
    line.values.forEach((v, f) => {
      if (!Number.isFinite(v)) return void (drawing = false);
      if (drawing) ctx.lineTo(fx(f), fy(v));
      else ctx.moveTo(fx(f), fy(v));
      drawing = true;
    });
  } else {
    const columns = Math.ceil(areaW);
    for (let c = 0; c < columns; c++) {
      const [a, b] = [Math.floor(c * framesPerPx), Math.min(Math.floor((c + 1) * framesPerPx), line.values.length)];
      let [lo, hi] = [Infinity, -Infinity];
      for (let f = a; f < b; f++) {
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
