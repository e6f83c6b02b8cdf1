import type { TrackSettings } from '../api/pose-api';
import { writeTrackingResult } from '../export/write';
import { runTracking, type TrackHooks } from '../pipeline/runner';
import { trackOptionsFromSettings } from '../pipeline/track-options';
import type { ResultFormat } from '../export-formats';
import type { KeypointsOption } from './report';
import { assertReplaceableOutput, readEarlierResult } from './reexport';

export interface TrackFileOptions {
  settings: TrackSettings;
  format: ResultFormat;
  keypoints?: KeypointsOption | null;
  /** CPU threads per model when the settings name none (parallel videos share the cores). */
  defaultThreads?: number;
  /** An earlier PoseTrack 2018 output of this video with the same tracking settings: re-exported instead of tracked. */
  reexportFrom?: string;
}

/**
 * One video of a batch, wherever it runs (the local batch or a queue worker): tracks `input` and
 * writes the result to `output` atomically, so the output exists only once it is complete.
 */
export async function trackFile(
  input: string,
  output: string,
  options: TrackFileOptions,
  hooks: TrackHooks,
): Promise<{ frames: number; tracks: number }> {
  // Checked before the work too: an output that is someone else's file or a FIFO fails the job at once.
  await assertReplaceableOutput(output);
  // An earlier output that cannot be read any more is no reason to fail: the video is tracked.
  const earlier = options.reexportFrom ? await readEarlierResult(options.reexportFrom).catch(() => null) : null;
  const { result, frames, tracks } = earlier ?? (await track(input, options, hooks));
  await assertReplaceableOutput(output);
  // Batch results carry the name column/field too (empty: nobody named these tracks yet).
  await writeTrackingResult(output, result, {
    format: options.format,
    keypoints: options.keypoints ?? undefined,
    trackNames: {},
  });
  return { frames, tracks };
}

async function track(input: string, options: TrackFileOptions, hooks: TrackHooks) {
  const trackOptions = trackOptionsFromSettings(options.settings);
  if (trackOptions.threads === undefined && options.defaultThreads !== undefined)
    trackOptions.threads = options.defaultThreads;
  const { result, summary } = await runTracking(input, trackOptions, hooks);
  return { result, frames: summary.frames, tracks: summary.tracks };
}
