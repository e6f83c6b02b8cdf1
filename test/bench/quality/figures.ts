/**
 * The quality report's figures and their comparison with the previous report. A figure provider
 * measures one or more named figures on the shared real data; the report runs every provider of
 * QUALITY_PROVIDERS (providers.ts), so a new figure is one more entry there.
 */
import type { BenchContext } from '../context';

export interface QualityFigure {
  /** Unique, stable name: the key the next report compares by. */
  name: string;
  value: number;
  higherIsBetter: boolean;
  /** A change against the previous report within this (in the figure's units) is noise, not worse. */
  tolerance: number;
}

export interface FigureProvider {
  name: string;
  measure(ctx: BenchContext): Promise<QualityFigure[]>;
}

export interface FigureChange {
  name: string;
  value: number;
  /** The previous report's value; undefined for a new figure. */
  previous?: number;
  /** value − previous, signed. */
  change?: number;
  /** Worse than the previous value by more than the tolerance. */
  worse: boolean;
}

/** Each figure against the previous report's value of the same name. */
export function compareFigures(
  figures: readonly QualityFigure[],
  previous: Readonly<Record<string, number>>,
): FigureChange[] {
  return figures.map((figure) => {
    const before = previous[figure.name];
    if (before === undefined || !Number.isFinite(before))
      return { name: figure.name, value: figure.value, worse: false };
    const change = figure.value - before;
    const loss = figure.higherIsBetter ? -change : change;
    return { name: figure.name, value: figure.value, previous: before, change, worse: loss > figure.tolerance + 1e-12 };
  });
}

/** Figures by name as the report stores them (rounded to 4 decimals). */
export function figureValues(figures: readonly QualityFigure[]): Record<string, number> {
  return Object.fromEntries(figures.map((f) => [f.name, Math.round(f.value * 1e4) / 1e4]));
}

/** One line per figure: value, change against the previous report, and WORSE where it is. */
export function changeLines(changes: readonly FigureChange[], figures: readonly QualityFigure[]): string[] {
  const width = Math.max(...changes.map((c) => c.name.length));
  return changes.map((c) => {
    const tolerance = figures.find((f) => f.name === c.name)!.tolerance;
    const was =
      c.previous === undefined ? '(new)' : `was ${fmt(c.previous)}, ${c.change! >= 0 ? '+' : ''}${fmt(c.change!)}`;
    return `${c.worse ? 'WORSE' : 'ok   '} ${c.name.padEnd(width)}  ${fmt(c.value)}  ${was}  (tolerance ${fmt(tolerance)})`;
  });
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
