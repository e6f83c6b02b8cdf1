/**
 * Progress of one long step (a model download, a conversion) on stderr: a bar on a terminal,
 * otherwise one line per phase so that logs stay readable. Ctrl-C cancels the step.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../types';

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
    { format: `{message} [{bar}] {percentage}% | {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      const total = p.total > 0 ? p.total : Math.max(p.done, 1);
      const bytes = p.message?.startsWith('Downloading');
      const detail = bytes ? `${formatSize(p.done)} / ${p.total > 0 ? formatSize(p.total) : '?'}${p.rate ? ` at ${formatSize(p.rate)}/s` : ''}` : '';
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

export async function withProgress<T>(label: string, work: (onProgress: (p: Progress) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
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
