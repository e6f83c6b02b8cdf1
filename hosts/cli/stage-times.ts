import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../../core/api/pose-api';
import { writeFileAtomic } from '../../core/util/fs';

/** Times of the command around the run, in ms since the process started. */
export interface CommandTimesMs {
  /** When the command's action began (process start-up and module loading before it). */
  actionStartMs: number;
  /** Writing the output file. */
  outputMs: number;
}

/**
 * `--stage-times <file>`: the run's per-stage breakdown as JSON (wall time, each stage's ms, the
 * model calls by batch size, the command's start-up and output times), for benchmarks and for
 * finding where a slow run spends its time.
 */
export async function writeStageTimes(file: string, summary: RunSummary, command: CommandTimesMs): Promise<void> {
  const { frames, persons, tracks, wallMs, stageMs, modelCalls, executionProvider } = summary;
  const report = {
    frames,
    persons,
    tracks,
    wallMs,
    stageMs: { ...stageMs, startup: command.actionStartMs, output: command.outputMs },
    modelCalls,
    executionProvider,
    peakRssKiB: peakRssKiB(),
    // CPU time of this process's threads (the models' included), not of ffmpeg.
    processCpuMs: cpuMs(process.cpuUsage()),
    // ffmpeg's and ffprobe's, once they have exited (Linux only: null elsewhere).
    childProcessesCpuMs: childProcessesCpuMs(),
  };
  await writeFileAtomic(path.resolve(file), `${JSON.stringify(report, null, 2)}\n`);
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return Math.round((usage.user + usage.system) / 1000);
}

/** Linux's unit of the CPU times in /proc (USER_HZ), the same on every architecture it runs on. */
const PROC_TICKS_PER_SECOND = 100;

/**
 * User + system CPU ms of the child processes this process has waited for (cutime + cstime of
 * /proc/self/stat): Node reports only its own. Null where there is no /proc.
 */
export function childProcessesCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [cutime, cstime] = [fields[13], fields[14]].map(Number);
    return Number.isFinite(cutime + cstime) ? Math.round(((cutime + cstime) * 1000) / PROC_TICKS_PER_SECOND) : null;
  } catch {
    return null;
  }
}

/** This process's peak resident memory (VmHWM on Linux: the process image's own, not inherited). */
function peakRssKiB(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
