import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError, EXIT_CANCELLED } from '../cli-error';
import { runBatch, type BatchReport } from '../../../core/batch';
import { BATCH_VIDEO_EXTENSIONS } from '../../../core/media-extensions';
import { isAbortError } from '../../../core/util/abort';
import { createBatchDisplay, printBatchResult } from '../batch-display';
import { fetchMissingModels, fetchReidModel } from '../fetch-models';
import { chooseCliModels } from '../model-choice';
import { NO_REID_MODEL } from '../../../core/settings/run-defaults';
import { RUN_SETTINGS_DEFAULTS } from '../../../core/settings/run-settings';
import { addOutputFormatOptions, addTrackSettingsOptions, parseCount, trackSettingsFromCli } from '../options';
import { addQueueOptions, queueBatchCommand, requireFolderAndOutput, type BatchCliOptions } from '../queue-batch';

function parseExtensions(value: string): string[] {
  const list = value
    .split(',')
    .map((e) => e.trim().replace(/^\./, '').toLowerCase())
    .filter(Boolean);
  if (list.length === 0 || list.some((e) => !/^[a-z0-9]+$/.test(e))) {
    throw new InvalidArgumentError(`--ext needs a comma-separated list of extensions such as mp4,mov, got "${value}".`);
  }
  return list;
}

export function register(program: Command): void {
  const command = program
    .command('batch')
    .description(
      'Track every video in a folder: one output per video, a batch-report.json; re-running resumes and skips finished videos.',
    )
    .argument('[folder]', 'folder of videos')
    .option('-o, --output <dir>', 'output folder (mirrors the input folder structure); required')
    .option('-r, --recursive', 'include sub-folders', false)
    .addOption(
      new Option('--ext <list>', 'video extensions, comma-separated')
        .argParser(parseExtensions)
        .default([...BATCH_VIDEO_EXTENSIONS], BATCH_VIDEO_EXTENSIONS.join(',')),
    )
    .option('--jobs <n>', 'videos processed at the same time', parseCount('--jobs'), 1)
    .addOption(
      new Option('--tiling <mode>', 'detector tiling for small people in large frames')
        .choices(['auto', 'off'])
        .default(RUN_SETTINGS_DEFAULTS.detectorTiling),
    );
  addQueueOptions(command);
  addOutputFormatOptions(command, 'output format (default: posetrack18)');
  addTrackSettingsOptions(command).action(async (folder: string | undefined, options: BatchCliOptions) => {
    if (options.queue) return queueBatchCommand(folder, options);
    if (options.status || options.detach) throw new CliError('--status and --detach need --queue <redis-url>.');
    await batchCommand(requireFolderAndOutput(folder, options), options);
  });
}

async function batchCommand(folder: string, options: BatchCliOptions): Promise<void> {
  const { detector, poseModel, runDevice } = await chooseCliModels(options, (line) =>
    process.stderr.write(`${line}\n`),
  );
  Object.assign(options, { detector, poseModel, device: runDevice });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const display = createBatchDisplay(process.stderr);
  const settings = { ...trackSettingsFromCli(options), detectorTiling: options.tiling };
  let report: BatchReport;
  try {
    report = await runBatch(
      {
        folder,
        outDir: options.output!,
        recursive: options.recursive,
        extensions: options.ext,
        settings,
        format: options.format ?? 'posetrack18',
        keypoints: options.keypoints,
        jobs: options.jobs,
      },
      {
        signal: controller.signal,
        onUpdate: (files, overall) => display.update(files, overall),
        onWarning: (m) => display.log(`posetrail: warning: ${m}`),
        beforeQueue: async () => {
          await fetchMissingModels([detector, poseModel], options);
          await fetchReidModel(options, (line) => display.log(line));
          // Offline, the videos are tracked by colours without repeating the note for each one.
          if (options.reidModel === NO_REID_MODEL) settings.reidModel = NO_REID_MODEL;
        },
      },
    );
  } catch (error) {
    if (isAbortError(error)) {
      display.stop();
      throw new CliError(
        `Batch cancelled. Finished videos are kept; run the same command again to resume.`,
        EXIT_CANCELLED,
      );
    }
    throw error;
  } finally {
    display.stop();
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  printBatchResult(report);
}
