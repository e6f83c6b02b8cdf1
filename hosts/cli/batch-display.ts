import path from 'node:path';
import cliProgress from 'cli-progress';
import type { BatchFileState } from '../../core/api/pose-api';
import { BATCH_REPORT_NAME, type BatchReport } from '../../core/batch';
import type { Progress } from '../../core/types';
import { formatDuration, formatProgress } from './progress';
import { printable } from '../../core/util/printable';

/** Without a terminal, one overall progress line every this many ms. */
const LOG_INTERVAL_MS = 10_000;

/** The last lines of a finished batch, local or queued; exit status 1 when a video failed. */
export function printBatchResult(report: BatchReport): void {
  const { done, skipped, failed } = report.counts;
  process.stdout.write(
    `${printable(`Batch finished: ${done} done, ${skipped} skipped (already complete), ${failed} failed. Report: ${path.join(report.outDir, BATCH_REPORT_NAME)}`)}\n`,
  );
  if (failed > 0) {
    for (const file of report.files.filter((f) => f.status === 'failed'))
      process.stderr.write(`${printable(`posetrail: failed ${file.input}: ${file.error}`)}\n`);
    process.exitCode = 1;
  }
}

export interface BatchDisplay {
  update(files: BatchFileState[], overall: Progress): void;
  log(line: string): void;
  stop(): void;
}

/**
 * Shows a batch's progress: on a terminal an overall bar plus one bar per running video; otherwise
 * a line whenever a video starts or ends and an overall line now and then.
 */
export function createBatchDisplay(stream: NodeJS.WriteStream): BatchDisplay {
  const statuses = new Map<string, BatchFileState['status']>();
  const tty = Boolean(stream.isTTY);
  const multibar = tty
    ? new cliProgress.MultiBar(
        {
          stream,
          hideCursor: true,
          barsize: 25,
          format: '{name} |{bar}| {value}/{total} {unit} | {info}',
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const overallBar = multibar?.create(1, 0, { name: 'Batch'.padEnd(24), unit: 'videos', info: '' });
  const fileBars = new Map<string, cliProgress.SingleBar>();
  let lastLogMs = performance.now();
  // File names and errors may come from a queue's Redis: printed without control characters.
  const write = (text: string) => {
    const line = printable(text);
    return multibar ? multibar.log(`${line}\n`) : stream.write(`${line}\n`);
  };

  const fileChanged = (file: BatchFileState, index: number, total: number) => {
    const name = path.basename(file.input);
    if (file.status === 'running') {
      write(`[${index + 1}/${total}] started ${file.input}`);
      if (multibar)
        fileBars.set(
          file.input,
          multibar.create(1, 0, { name: printable(name).slice(0, 24).padEnd(24), unit: 'frames', info: '' }),
        );
      return;
    }
    const bar = fileBars.get(file.input);
    if (bar) multibar?.remove(bar);
    fileBars.delete(file.input);
    const seconds = file.wallMs === undefined ? '' : ` in ${(file.wallMs / 1000).toFixed(1)} s`;
    if (file.status === 'done') write(`[${index + 1}/${total}] done ${file.input} → ${file.output}${seconds}`);
    else if (file.status === 'skipped') write(`[${index + 1}/${total}] skipped ${file.input} (already complete)`);
    else if (file.status === 'failed') write(`[${index + 1}/${total}] failed ${file.input}: ${file.error}`);
  };

  return {
    update(files, overall) {
      files.forEach((file, index) => {
        if (statuses.get(file.input) !== file.status) fileChanged(file, index, files.length);
        statuses.set(file.input, file.status);
        const bar = fileBars.get(file.input);
        if (bar && file.progress) {
          bar.setTotal(Math.max(file.progress.total, 1));
          bar.update(file.progress.done, {
            info:
              file.progress.rate === undefined
                ? ''
                : `${file.progress.rate.toFixed(1)} fps, ETA ${formatDuration(file.progress.etaMs)}`,
          });
        }
      });
      if (overallBar) {
        overallBar.setTotal(overall.total);
        overallBar.update(overall.done, {
          info: overall.etaMs === undefined ? '' : `ETA ${formatDuration(overall.etaMs)}`,
        });
      } else if (performance.now() - lastLogMs >= LOG_INTERVAL_MS) {
        lastLogMs = performance.now();
        stream.write(`batch: ${formatProgress(overall, 'videos', null)}\n`);
      }
    },
    log: write,
    stop: () => multibar?.stop(),
  };
}
