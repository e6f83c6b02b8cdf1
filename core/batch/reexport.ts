import { promises as fs } from 'node:fs';
import type { TrackSettings } from '../api/pose-api';
import type { TrackingResult } from '../types';
import { readTrackingResult } from '../export/read';
import { existingFileKind } from '../export/existing-output';
import { settingsHash, type BatchReport, type BatchReportFile, type KeypointsOption } from './report';

/**
 * Videos an earlier run finished with the same tracking settings but another export format: their
 * earlier PoseTrack output holds the whole result (raw keypoints included), so the new format is
 * written from it instead of tracking again. Only PoseTrack 2018 outputs keep everything (2017 drops
 * the model's raw keypoints, CSV cannot be read back); videos with those are tracked again.
 */
export async function markReexports(
  files: BatchReportFile[],
  previous: BatchReport | null,
  settings: TrackSettings,
  keypoints: KeypointsOption | null,
): Promise<void> {
  if (!previous || previous.format !== 'posetrack18') return;
  const sameTrackingHash = settingsHash(settings, previous.format, keypoints);
  if (previous.settingsHash !== sameTrackingHash) return;
  for (const file of files) {
    if (file.status !== 'pending') continue;
    const before = previous.files.find((f) => f.relativePath === file.relativePath);
    if (!before || (before.status !== 'done' && before.status !== 'skipped')) continue;
    if (before.inputSizeBytes !== file.inputSizeBytes || before.inputMtimeMs !== file.inputMtimeMs) continue;
    if ((await existingFileKind(before.output).catch(() => null)) !== 'posetrail-output') continue;
    file.reexportFrom = before.output;
  }
}

/** The result an earlier output holds, with its frame and track counts for the report. */
export async function readEarlierResult(
  file: string,
): Promise<{ result: TrackingResult; frames: number; tracks: number }> {
  await fs.access(file);
  const result = await readTrackingResult(file);
  const tracks = new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId))).size;
  return { result, frames: result.frames.length, tracks };
}

/** A batch writes over its own earlier outputs only, never over a file Posetrail did not write. */
export async function assertReplaceableOutput(output: string): Promise<void> {
  if ((await existingFileKind(output)) === 'other') {
    throw new Error(
      `${output} already exists and was not written by Posetrail; the batch does not replace it. Move it away or choose another output folder.`,
    );
  }
}
