import path from 'node:path';
import { Option, type Command } from 'commander';
import type { DetectorTilingSetting } from '../../core/api/pose-api';
import { BATCH_REPORT_NAME, type BatchReport } from '../../core/batch';
import { chooseModels } from '../../core/models/device-defaults';
import {
  batchStatus,
  checkRedis,
  followBatch,
  loadBatchRecord,
  openQueue,
  redactRedisUrl,
  submitBatch,
} from '../../core/queue';
import { createBatchDisplay, printBatchResult } from './batch-display';
import { CliError, EXIT_CANCELLED } from './cli-error';
import { printable } from '../../core/util/printable';
import { trackSettingsFromCli, type TrackSettingsCliOptions } from './options';

/** `posetrail batch`'s options, local and queued. */
export interface BatchCliOptions extends TrackSettingsCliOptions {
  output?: string;
  recursive: boolean;
  ext: string[];
  jobs: number;
  tiling: DetectorTilingSetting;
  queue?: string;
  detach: boolean;
  status?: string;
}

/** The folder and -o are required, except for `--queue … --status <id>`. */
export function requireFolderAndOutput(folder: string | undefined, options: BatchCliOptions): string {
  if (!folder) throw new CliError("missing required argument 'folder'");
  if (!options.output) throw new CliError("required option '-o, --output <dir>' not specified");
  return folder;
}

/** `batch --queue`: the same batch spread over `posetrail worker`s on any number of machines. */
export function addQueueOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--queue <url>',
        'spread the videos over `posetrail worker`s through Redis: redis://[:password@]host:6379[/db], rediss:// for TLS',
      ),
    )
    .option('--detach', 'with --queue: queue the videos and return; follow later with --status', false)
    .option('--status <batch-id>', 'with --queue: report how a queued batch stands (and update its batch-report.json)');
}

export async function queueBatchCommand(folder: string | undefined, options: BatchCliOptions): Promise<void> {
  const url = options.queue!;
  if (options.jobs > 1)
    throw new CliError('--jobs is for a local batch; with --queue, start more workers or give them --concurrency.');
  await checkRedis(url);
  const queue = openQueue(url);
  try {
    if (options.status) {
      const record = await loadBatchRecord(queue, options.status);
      printStatus(await batchStatus(queue, record), record.batchId);
      return;
    }
    const submitted = await submitBatch(
      queue,
      {
        folder: requireFolderAndOutput(folder, options),
        outDir: options.output!,
        recursive: options.recursive,
        extensions: options.ext,
        settings: { ...trackSettingsFromCli({ ...options, ...workerModels(options) }), detectorTiling: options.tiling },
        format: options.format ?? 'posetrack18',
        keypoints: options.keypoints,
      },
      (m) => process.stderr.write(`posetrail: warning: ${m}\n`),
    );
    const { batchId, report, enqueued, alreadyQueued, complete } = submitted;
    process.stdout.write(
      `Batch ${batchId}: ${report.files.length} videos, ${enqueued} queued now, ${alreadyQueued} already in the queue, ` +
        `${complete} already complete, on ${redactRedisUrl(url)}.\n`,
    );
    const statusCommand = `posetrail batch --queue ${redactRedisUrl(url)} --status ${batchId}`;
    if (options.detach) {
      process.stdout.write(
        `Detached. Start workers with \`posetrail worker --queue …\`; see progress with \`${statusCommand}\`.\n`,
      );
      return;
    }
    const controller = new AbortController();
    const stopFollowing = () => controller.abort();
    process.once('SIGINT', stopFollowing);
    process.once('SIGTERM', stopFollowing);
    const display = createBatchDisplay(process.stderr);
    let final: BatchReport;
    try {
      final = await followBatch(queue, url, submitted, {
        signal: controller.signal,
        onUpdate: (files, overall) => display.update(files, overall),
      });
    } finally {
      display.stop();
      process.off('SIGINT', stopFollowing);
      process.off('SIGTERM', stopFollowing);
    }
    if (!final.finishedAt)
      throw new CliError(
        `Stopped following batch ${batchId}; its videos go on on the workers. See progress with \`${statusCommand}\`.`,
        EXIT_CANCELLED,
      );
    printBatchResult(final);
  } finally {
    await queue.close();
  }
}

/**
 * The models of a queued batch are fixed when it is submitted (they shape every result), but the
 * submitting machine is not the one that tracks: unnamed models are the defaults for the --device
 * the batch names (the GPU defaults for a GPU device, the CPU defaults for cpu and auto), without
 * probing this machine's providers.
 */
function workerModels(options: BatchCliOptions): { detector: string; poseModel: string } {
  const assumed =
    options.device === 'auto' || options.device === 'cpu' ? ['cpu' as const] : ['cpu' as const, options.device];
  const choice = chooseModels(options.device, assumed, { detector: options.detector, poseModel: options.poseModel });
  if (!options.detector || !options.poseModel) {
    process.stderr.write(
      `posetrail: models for the workers: ${choice.detector} + ${choice.poseModel} (name --detector and --pose-model to choose others).\n`,
    );
  }
  return { detector: choice.detector, poseModel: choice.poseModel };
}

function printStatus(report: BatchReport, batchId: string): void {
  const { pending, running, done, skipped, failed } = report.counts;
  const state = report.finishedAt ? 'finished' : 'in progress';
  process.stdout.write(
    printable(
      `Batch ${batchId} ${state}: ${done} done, ${skipped} skipped (already complete), ${failed} failed, ${running} running, ${pending} waiting. ` +
        `Report: ${path.join(report.outDir, BATCH_REPORT_NAME)}`,
    ) + '\n',
  );
  for (const file of report.files.filter((f) => f.status === 'failed'))
    process.stderr.write(`${printable(`posetrail: failed ${file.input}: ${file.error}`)}\n`);
  if (failed > 0) process.exitCode = 1;
}
