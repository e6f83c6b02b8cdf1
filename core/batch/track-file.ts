import type { TrackSettings } from '../api/pose-api';
import { writeTrackingResult } from '../export/write';
import { runTracking, type TrackHooks } from '../pipeline/runner';
import { trackOptionsFromSettings } from '../pipeline/track-options';
import type { ResultFormat } from '../export-formats';
import type { KeypointsOption } from './report';

export interface TrackFileOptions {
  settings: TrackSettings;
  format: ResultFormat;
  keypoints?: KeypointsOption | null;
  /** CPU threads per model when the settings name none (parallel videos share the cores). */
  defaultThreads?: number;
}

/**
 * One video of a batch, wherever it runs (the local batch or a queue worker): tracks `input` and
 * writes the result to `output` atomically, so the output exists only once it is complete.
 */
export async function trackFile(input: string, output: string, options: TrackFileOptions, hooks: TrackHooks): Promise<{ frames: number; tracks: number }> {
  const trackOptions = trackOptionsFromSettings(options.settings);
  if (trackOptions.threads === undefined && options.defaultThreads !== undefined) trackOptions.threads = options.defaultThreads;
  const { result, summary } = await runTracking(input, trackOptions, hooks);
  await writeTrackingResult(output, result, { format: options.format, keypoints: options.keypoints ?? undefined });
  return { frames: summary.frames, tracks: summary.tracks };
}
