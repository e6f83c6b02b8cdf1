import { frameToX, xToFrame, type TimelineWindow } from './timeline-view';

/** Joint angles lie in 0–180°: the plot's value axis never runs outside that. */
const ANGLE_LIMITS_DEG: [number, number] = [0, 180];

/** The value axis of the plot: the values' range with a little room, kept inside what the unit allows. */
export function plotValueRange(valueLists: readonly ArrayLike<number>[], unit: string): [number, number] | null {
  let [lo, hi] = [Infinity, -Infinity];
  for (const values of valueLists) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  if (!Number.isFinite(lo)) return null;
  const pad = Math.max((hi - lo) * 0.06, 1);
  [lo, hi] = [lo - pad, hi + pad];
  if (unit === '°') [lo, hi] = [Math.max(lo, ANGLE_LIMITS_DEG[0]), Math.min(hi, ANGLE_LIMITS_DEG[1])];
  else if (unit === 'px/s') lo = Math.max(lo, 0);
  return [lo, hi];
}

/**
 * The plot's time axis is the timeline's: the same name column on the left, the same window of
 * frames (zoom and scroll), so a frame sits at the same x in both, at the middle of its cell where
 * the timeline's playhead is.
 */
export interface PlotTimeAxis {
  labelWidthPx: number;
  /** Width of the timeline's lane area (its canvas less the name column), which can differ from the plot's by a scrollbar. */
  areaWidthPx: number;
  win: TimelineWindow;
}

export function plotFrameX(axis: PlotTimeAxis, frame: number): number {
  return axis.labelWidthPx + frameToX(axis.win, frame + 0.5, Math.max(axis.areaWidthPx, 1));
}

export function plotFrameAt(axis: PlotTimeAxis, xPx: number, frameCount: number): number {
  return xToFrame(axis.win, xPx - axis.labelWidthPx, Math.max(axis.areaWidthPx, 1), frameCount);
}
