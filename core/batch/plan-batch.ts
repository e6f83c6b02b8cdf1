import path from 'node:path';
import type { BatchOptions } from '../api/pose-api';
import { assertWritableDir } from '../util/fs';
import { discoverVideos } from './discover';
import { assignOutputPaths } from './output-path';
import { planFile } from './plan';
import { markReexports } from './reexport';
import { keepEarlierReport } from './report-history';
import { countStatuses, readBatchReport, settingsHash, type BatchReport, type KeypointsOption } from './report';

export interface PlanBatchOptions extends BatchOptions {
  /** Keypoint layout of the outputs; default: the format's own default (see core/export). */
  keypoints?: KeypointsOption;
}

/**
 * The start of every batch, local or spread over a queue: checks the options, finds the videos,
 * gives each its output path and marks those an earlier run finished with the same input and
 * settings as 'skipped' (see planFile). Resolves with a fresh report whose other files are 'pending'.
 */
export async function planBatch(
  options: PlanBatchOptions,
  onWarning?: (message: string) => void,
): Promise<BatchReport> {
  if (options.extensions.length === 0) throw new Error('No video extensions given.');
  const folder = path.resolve(options.folder);
  const outDir = path.resolve(options.outDir);
  const keypoints = options.keypoints ?? null;
  if (options.format === 'posetrack17' && keypoints === 'coco') {
    throw new Error(
      'PoseTrack 2017 files have no COCO layout (joint ids 0–14 only); use posetrack18 or csv for raw COCO keypoints.',
    );
  }
  const inputs = await discoverVideos(folder, {
    recursive: options.recursive,
    extensions: options.extensions,
    excludeDirs: [outDir],
  });
  if (inputs.length === 0) {
    throw new Error(
      `No videos in ${folder}${options.recursive ? ' or its sub-folders' : ''} (looked for ${options.extensions.map((e) => `.${e}`).join(', ')}).`,
    );
  }
  await assertWritableDir(outDir);
  const hash = settingsHash(options.settings, options.format, keypoints);
  const previous = await readBatchReport(outDir, onWarning);
  const outputs = assignOutputPaths(inputs, folder, outDir, options.format);
  const files = await Promise.all(inputs.map((input, i) => planFile(input, outputs[i], folder, hash, previous)));
  await markReexports(files, previous, options.settings, keypoints);
  await keepEarlierReport(outDir, previous);
  const now = new Date().toISOString();
  return {
    version: 1,
    folder,
    outDir,
    format: options.format,
    keypoints,
    settings: options.settings,
    settingsHash: hash,
    startedAt: now,
    updatedAt: now,
    counts: countStatuses(files),
    files,
  };
}
