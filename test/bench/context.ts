/**
 * What `test/bench/run.ts` hands to every section's `run(ctx)`. Sections live in
 * `test/bench/<name>.bench.ts` and export `async function run(ctx: BenchContext)` returning a
 * JSON-serialisable record; run.ts finds them by file name, so adding one needs no other edit.
 *
 * Convention for targets: report `{ value, target, pass }` objects (see `checkTarget`), so the
 * summary can list every pass/fail line.
 */
import { readFileSync } from 'node:fs';

export interface BenchContext {
  /** Repository root. */
  repoRoot: string;
  /** bench-results/: where sections may put artifacts next to report.json. */
  outDir: string;
  /** A scratch folder for this section only, removed after it finishes. */
  tmpDir: string;
  /** The shared test assets (models, videos) beside the checkout. */
  sharedAssets: string;
  /** Progress line on stderr, prefixed with the section name. */
  log(message: string): void;
}

export interface TargetCheck {
  value: number;
  /** Human-readable target, e.g. ">= 0.9". */
  target: string;
  pass: boolean;
}

export function checkTarget(value: number, comparison: '>=' | '<=', limit: number): TargetCheck {
  const rounded = Math.round(value * 1000) / 1000;
  return {
    value: rounded,
    target: `${comparison} ${limit}`,
    pass: comparison === '>=' ? value >= limit : value <= limit,
  };
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Peak resident memory in KiB of `pid` (this process by default). On Linux this is VmHWM from
 * /proc, which belongs to the process image: `maxRSS` from getrusage survives exec and starts at the
 * parent's size on fork, so a child of a large bench process would report the parent's peak.
 * Elsewhere, or when /proc cannot be read, `process.resourceUsage().maxRSS` for this process
 * (undefined for another one).
 */
export function peakRssKb(pid: number | 'self' = 'self'): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux, or the process is gone
  }
  return pid === 'self' ? process.resourceUsage().maxRSS : undefined;
}
