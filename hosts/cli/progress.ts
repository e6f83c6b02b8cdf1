/**
 * Progress on stderr, for every command: a bar on a terminal, otherwise plain lines so that logs
 * stay readable. `withProgress` runs one long step (a model download, a conversion) with one line
 * per phase and Ctrl-C cancelling it; `createProgressReporter` follows a run over frames with its
 * rate and ETA, one line every few seconds.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../../core/types';

/** Without a terminal, one progress line every this many ms keeps logs readable. */
const LOG_INTERVAL_MS = 5000;

const MIB = 1024 * 1024;

export function formatSize(bytes: number | null): string {
  return bytes === null ? '-' : `${(bytes / MIB).toFixed(1)} MB`;
}

/** A bar on a terminal; otherwise one line per phase message, so logs stay readable. */
function progressReporter(label: string): { onProgress: (p: Progress) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let lastMessage = '';
    return {
      onProgress: (p) => {
        if (p.message && p.message !== lastMessage) process.stderr.write(`${p.message}…\n`);
        lastMessage = p.message ?? lastMessage;
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `{message} [{bar}] {percentage}% | {detail}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      const total = p.total > 0 ? p.total : Math.max(p.done, 1);
      const bytes = p.message?.startsWith('Downloading');
      const detail = bytes
        ? `${formatSize(p.done)} / ${p.total > 0 ? formatSize(p.total) : '?'}${p.rate ? ` at ${formatSize(p.rate)}/s` : ''}`
        : '';
      const payload = { message: p.message ?? label, detail };
      if (!started) {
        bar.start(total, p.done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

export async function withProgress<T>(
  label: string,
  work: (onProgress: (p: Progress) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const reporter = progressReporter(label);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work(reporter.onProgress, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    reporter.stop();
  }
}

export interface ProgressReporter {
  update(progress: Progress): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

/** A progress bar on a terminal; plain periodic lines on stderr otherwise (logs, CI, pipes). */
export function createProgressReporter(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  if (stream.isTTY) return barReporter(label, unit, stream);
  let lastLogMs = -Infinity;
  let last: Progress | undefined;
  let stopped = false;
  const line = (p: Progress) => `${label.toLowerCase()}: ${formatProgress(p, unit)}\n`;
  return {
    update(progress) {
      last = progress;
      if (performance.now() - lastLogMs < LOG_INTERVAL_MS) return;
      lastLogMs = performance.now();
      stream.write(line(progress));
    },
    log: (text) => stream.write(`${text}\n`),
    stop() {
      if (stopped) return;
      stopped = true;
      if (last && lastLogMs !== -Infinity) stream.write(line(last));
    },
  };
}

function barReporter(label: string, unit: string, stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} ${unit} | {rate} | ETA {etaText}`,
      stream,
      hideCursor: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const payload = {
        rate: progress.rate === undefined ? '– fps' : `${progress.rate.toFixed(1)} fps`,
        etaText: formatDuration(progress.etaMs),
      };
      if (!started) {
        bar.start(Math.max(progress.total, 1), progress.done, payload);
        started = true;
      } else {
        bar.setTotal(Math.max(progress.total, progress.done, 1));
        bar.update(progress.done, payload);
      }
    },
    log: (text) => stream.write(`${started ? '\n' : ''}${text}\n`),
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** "23/230 frames (10%), 4.3 fps, ETA 0:49"; `rateUnit` null leaves the rate out. */
export function formatProgress(progress: Progress, unit: string, rateUnit: string | null = 'fps'): string {
  const percent = progress.total > 0 ? ` (${Math.floor((100 * progress.done) / progress.total)}%)` : '';
  const rate = progress.rate === undefined || rateUnit === null ? '' : `, ${progress.rate.toFixed(1)} ${rateUnit}`;
  const eta = progress.etaMs === undefined ? '' : `, ETA ${formatDuration(progress.etaMs)}`;
  return `${progress.done}/${progress.total} ${unit}${percent}${rate}${eta}`;
}

/** 75_000 → "1:15", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
