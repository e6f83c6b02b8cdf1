import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { BatchFileState, DetectorTilingSetting } from '../../api/pose-api';
import type { Progress } from '../../types';
import { CliError, EXIT_CANCELLED } from '../cli-error';
import { DEFAULT_VIDEO_EXTENSIONS, runBatch, BATCH_REPORT_NAME, type BatchReport } from '../../batch';
import { isAbortError } from '../../pipeline/abort';
import { fetchMissingModels } from '../fetch-models';
import { chooseCliModels } from '../model-choice';
import { addOutputFormatOptions, addTrackSettingsOptions, parseCount, trackSettingsFromCli, type TrackSettingsCliOptions } from '../options';
import { formatDuration, formatProgress } from '../progress';

/** Without a terminal, one overall progress line every this many ms. */
const LOG_INTERVAL_MS = 10_000;

interface BatchCliOptions extends TrackSettingsCliOptions {
  output: string;
  recursive: boolean;
  ext: string[];
  jobs: number;
  tiling: DetectorTilingSetting;
}

function parseExtensions(value: string): string[] {
  const list = value.split(',').map((e) => e.trim().replace(/^\./, '').toLowerCase()).filter(Boolean);
  if (list.length === 0 || list.some((e) => !/^[a-z0-9]+$/.test(e))) {
    throw new InvalidArgumentError(`--ext needs a comma-separated list of extensions such as mp4,mov, got "${value}".`);
  }
  return list;
}

export function register(program: Command): void {
  const command = program
    .command('batch')
    .description('Track every video in a folder: one output per video, a batch-report.json; re-running resumes and skips finished videos.')
    .argument('<folder>', 'folder of videos')
    .requiredOption('-o, --output <dir>', 'output folder (mirrors the input folder structure)')
    .option('-r, --recursive', 'include sub-folders', false)
    .addOption(
      new Option('--ext <list>', 'video extensions, comma-separated')
        .argParser(parseExtensions)
        .default([...DEFAULT_VIDEO_EXTENSIONS], DEFAULT_VIDEO_EXTENSIONS.join(',')),
    )
    .option('--jobs <n>', 'videos processed at the same time', parseCount('--jobs'), 1)
    .addOption(new Option('--tiling <mode>', 'detector tiling for small people in large frames').choices(['auto', 'off']).default('auto'));
  addOutputFormatOptions(command, 'output format (default: posetrack18)');
  addTrackSettingsOptions(command).action(async (folder: string, options: BatchCliOptions) => {
    await batchCommand(folder, options);
  });
}

async function batchCommand(folder: string, options: BatchCliOptions): Promise<void> {
  const { detector, poseModel } = await chooseCliModels(options, (line) => process.stderr.write(`${line}\n`));
  Object.assign(options, { detector, poseModel });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const display = createBatchDisplay(process.stderr);
  let report: BatchReport;
  try {
    report = await runBatch(
      {
        folder,
        outDir: options.output,
        recursive: options.recursive,
        extensions: options.ext,
        settings: { ...trackSettingsFromCli(options), detectorTiling: options.tiling },
        format: options.format ?? 'posetrack18',
        keypoints: options.keypoints,
        jobs: options.jobs,
      },
      {
        signal: controller.signal,
        onUpdate: (files, overall) => display.update(files, overall),
        onWarning: (m) => display.log(`posetrail: warning: ${m}`),
        beforeQueue: () => fetchMissingModels([detector, poseModel], options),
      },
    );
  } catch (error) {
    if (isAbortError(error)) {
      display.stop();
      throw new CliError(`Batch cancelled. Finished videos are kept; run the same command again to resume.`, EXIT_CANCELLED);
    }
    throw error;
  } finally {
    display.stop();
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  const { done, skipped, failed } = report.counts;
  process.stdout.write(
    `Batch finished: ${done} done, ${skipped} skipped (already complete), ${failed} failed. Report: ${path.join(report.outDir, BATCH_REPORT_NAME)}\n`,
  );
  if (failed > 0) {
    for (const file of report.files.filter((f) => f.status === 'failed')) process.stderr.write(`posetrail: failed ${file.input}: ${file.error}\n`);
    process.exitCode = 1;
  }
}

interface BatchDisplay {
  update(files: BatchFileState[], overall: Progress): void;
  log(line: string): void;
  stop(): void;
}

/**
 * Shows a batch's progress: on a terminal an overall bar plus one bar per running video; otherwise
 * a line whenever a video starts or ends and an overall line now and then.
 */
function createBatchDisplay(stream: NodeJS.WriteStream): BatchDisplay {
  const statuses = new Map<string, BatchFileState['status']>();
  const tty = Boolean(stream.isTTY);
  const multibar = tty
    ? new cliProgress.MultiBar({ stream, hideCursor: true, barsize: 25, format: '{name} |{bar}| {value}/{total} {unit} | {info}', clearOnComplete: false }, cliProgress.Presets.shades_classic)
    : null;
  const overallBar = multibar?.create(1, 0, { name: 'Batch'.padEnd(24), unit: 'videos', info: '' });
  const fileBars = new Map<string, cliProgress.SingleBar>();
  let lastLogMs = performance.now();
  const write = (line: string) => (multibar ? multibar.log(`${line}\n`) : stream.write(`${line}\n`));

  const fileChanged = (file: BatchFileState, index: number, total: number) => {
    const name = path.basename(file.input);
    if (file.status === 'running') {
      write(`[${index + 1}/${total}] started ${file.input}`);
      if (multibar) fileBars.set(file.input, multibar.create(1, 0, { name: name.slice(0, 24).padEnd(24), unit: 'frames', info: '' }));
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
          bar.update(file.progress.done, { info: file.progress.rate === undefined ? '' : `${file.progress.rate.toFixed(1)} fps, ETA ${formatDuration(file.progress.etaMs)}` });
        }
      });
      if (overallBar) {
        overallBar.setTotal(overall.total);
        overallBar.update(overall.done, { info: overall.etaMs === undefined ? '' : `ETA ${formatDuration(overall.etaMs)}` });
      } else if (performance.now() - lastLogMs >= LOG_INTERVAL_MS) {
        lastLogMs = performance.now();
        stream.write(`batch: ${formatProgress(overall, 'videos', null)}\n`);
      }
    },
    log: write,
    stop: () => multibar?.stop(),
  };
}
