import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError, EXIT_USAGE } from '../cli-error';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { checkFilterSettings } from '../../../core/analysis/filter-settings';
import { RESULT_FORMATS } from '../../../core/export-formats';
import type { ResultFormat } from '../../../core/export-formats';
import { formatFromPath, writeTrackingResult } from '../../../core/export/write';
import { loadResultOrProject } from '../../../core/project/load-result';
import { exportedNames, withoutHiddenTracks } from '../../../core/project/export-tracks';
import { addOverwriteOption, assertReplaceable, type OverwriteCliOption } from '../replace-rule';
import { KEYPOINT_FLAG, type FilterSettings, type TrackingResult } from '../../../core/types';

interface ExportCliOptions extends OverwriteCliOption {
  includeHidden?: boolean;
  output: string;
  format?: ResultFormat;
  keypoints?: 'posetrack' | 'coco';
  smooth?: FilterSettings['smooth'];
  fillGaps?: number;
  gapMethod?: FilterSettings['gapMethod'];
  minCutoff?: number;
  beta?: number;
  window?: number;
  order?: number;
}

function parseNumber(name: string, integer: boolean) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      throw new InvalidArgumentError(
        `${name} must be ${integer ? 'a whole number' : 'a number'} ≥ 0, got ${JSON.stringify(text)}.`,
      );
    }
    return value;
  };
}

/** The project's filters (or none for a plain result), with the command line's choices on top. */
export function filtersFromCli(stored: FilterSettings, o: ExportCliOptions): FilterSettings {
  const settings: FilterSettings = {
    ...stored,
    ...(o.smooth !== undefined && { smooth: o.smooth }),
    ...(o.fillGaps !== undefined && { maxGapFrames: o.fillGaps }),
    ...(o.gapMethod !== undefined && { gapMethod: o.gapMethod }),
    ...(o.minCutoff !== undefined && { oneEuroMinCutoffHz: o.minCutoff }),
    ...(o.beta !== undefined && { oneEuroBeta: o.beta }),
    ...(o.window !== undefined && { savgolWindowFrames: o.window }),
    ...(o.order !== undefined && { savgolOrder: o.order }),
  };
  try {
    checkFilterSettings(settings);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT_USAGE);
  }
  return settings;
}

function countFlags(result: TrackingResult): { filled: number; smoothed: number } {
  let [filled, smoothed] = [0, 0];
  for (const frame of result.frames) {
    for (const pose of frame.poses) {
      for (const bits of pose.keypointFlags ?? []) {
        if (bits & KEYPOINT_FLAG.filled) filled++;
        if (bits & KEYPOINT_FLAG.smoothed) smoothed++;
      }
    }
  }
  return { filled, smoothed };
}

async function exportCommand(input: string, options: ExportCliOptions): Promise<void> {
  let format = options.format;
  if (!format) {
    try {
      format = formatFromPath(options.output);
    } catch (error) {
      throw new CliError((error as Error).message, EXIT_USAGE);
    }
  }
  const output = path.resolve(options.output);
  if (output === path.resolve(input))
    throw new CliError(`Refusing to write over the input ${output}; choose another output name.`, EXIT_USAGE);
  await assertReplaceable(output, options, (line) => process.stderr.write(`${line}\n`));
  const loaded = await loadResultOrProject(input).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const filters = filtersFromCli(loaded.filters, options);
  const shown = options.includeHidden ? loaded.result : withoutHiddenTracks(loaded.result, loaded.tracks);
  const result = applyFilters(shown, filters);
  const hiddenLeftOut = options.includeHidden ? 0 : loaded.tracks.filter((t) => t.hidden).length;
  try {
    await writeTrackingResult(output, result, {
      format,
      keypoints: options.keypoints,
      trackNames: exportedNames(result, loaded.tracks),
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const poses = result.frames.reduce((n, f) => n + f.poses.length, 0);
  const { filled, smoothed } = countFlags(result);
  const filterText = filters.smooth === 'none' ? 'no smoothing' : `${filters.smooth} smoothing`;
  const gapText =
    filters.maxGapFrames > 0
      ? `gaps up to ${filters.maxGapFrames} frames filled (${filters.gapMethod})`
      : 'no gap filling';
  const hiddenText =
    hiddenLeftOut > 0
      ? ` (${hiddenLeftOut} hidden track${hiddenLeftOut === 1 ? '' : 's'} left out; --include-hidden keeps them)`
      : '';
  process.stdout.write(
    `Wrote ${output} (${format}): ${result.frames.length} frames, ${poses} poses from the ${loaded.kind}${hiddenText}; ${filterText}, ${gapText}; ${filled} keypoints filled, ${smoothed} smoothed (flagged in the file).\n`,
  );
}

export function register(program: Command): void {
  const command = program
    .command('export')
    .description(
      'Re-export a saved result or project (edits included) in another format, optionally smoothed and gap-filled, without tracking again.',
    )
    .argument(
      '<input>',
      'a PoseTrack 2018/2017 JSON, SLEAP analysis .h5, DeepLabCut .csv or NWB (ndx-pose), or a project file (<video>.posetrail.json)',
    )
    .requiredOption('-o, --output <file>', 'output file')
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: from the output name: .json → posetrack18, .csv → csv, .h5 → sleap-analysis, .nwb → nwb)',
      ).choices(RESULT_FORMATS),
    )
    .addOption(
      new Option('--keypoints <layout>', "keypoint layout of the output (default: the format's own)").choices([
        'posetrack',
        'coco',
      ]),
    )
    .addOption(
      new Option('--smooth <filter>', "smoothing (default: the project's setting, else none)").choices([
        'none',
        'one-euro',
        'savgol',
      ]),
    )
    .option(
      '--fill-gaps <frames>',
      'interpolate gaps of at most this many frames (0: off)',
      parseNumber('--fill-gaps', true),
    )
    .addOption(new Option('--gap-method <method>', 'gap interpolation').choices(['linear', 'cubic']))
    .option('--min-cutoff <hz>', 'One-Euro minimum cut-off frequency in Hz', parseNumber('--min-cutoff', false))
    .option('--beta <value>', 'One-Euro speed coefficient', parseNumber('--beta', false))
    .option('--window <frames>', 'Savitzky–Golay window (odd)', parseNumber('--window', true))
    .option('--order <n>', 'Savitzky–Golay polynomial order', parseNumber('--order', true))
    .option('--include-hidden', 'keep the tracks hidden in the project (left out by default)');
  addOverwriteOption(command).action(exportCommand);
}
