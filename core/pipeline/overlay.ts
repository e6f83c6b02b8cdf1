import type { Progress, TrackingResult, TrackedPose } from '../types';
import { getSchema } from '../keypoints/schema';
import { readFrames, createVideoWriter } from '../video';
import { drawPoses } from '../render/draw';
import { abortError } from '../util/abort';
import { overlayFrameRange } from './overlay-range';
import { ProgressMeter } from './progress-meter';
import { PROGRESS_INTERVAL_MS } from './constants';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';

export interface OverlayOptions {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
  /** Keypoints below this score are not drawn. */
  minKeypointScore?: number;
  /** Names given to tracks, by id (`exportedNames`): each person is labelled with theirs. */
  trackNames?: Readonly<Record<number, string>>;
}

/**
 * Re-decodes the tracked video and writes an H.264 MP4 with each person's box, skeleton and track
 * name and id drawn in the track's colour (the same colours the app uses). Cancelling, or any failure,
 * removes the partial file. Resolves with the number of frames written.
 */
export async function renderOverlayVideo(
  result: TrackingResult,
  outPath: string,
  options: OverlayOptions = {},
): Promise<{ frames: number }> {
  const { signal } = options;
  const range = overlayFrameRange(result.frames.map((f) => f.frameIndex));
  const posesByFrame = new Map<number, TrackedPose[]>(result.frames.map((f) => [f.frameIndex, f.poses]));
  const schema = getSchema(result.schema);
  const video = result.video;
  const total = Math.ceil((range.endFrame - range.startFrame) / range.stride);
  const fps = { num: video.fps.num, den: video.fps.den * range.stride };
  // The writer gets no signal: on cancel we abort it ourselves, which awaits the removal of its
  // partial file (its own signal handler removes the file in the background).
  const writer = await createVideoWriter(outPath, { width: video.width, height: video.height, fps });
  const meter = new ProgressMeter(total);
  let written = 0;
  let lastEmitMs = -Infinity;
  try {
    for await (const frame of readFrames(video, { ...range, signal })) {
      const rgb = drawPoses(frame, posesByFrame.get(frame.index) ?? [], {
        schema,
        minKeypointScore: options.minKeypointScore ?? MIN_VISIBLE_KEYPOINT_SCORE,
        showBoxes: true,
        showLabels: true,
        trackNames: options.trackNames,
      });
      await writer.write(rgb);
      written += 1;
      if (performance.now() - lastEmitMs >= PROGRESS_INTERVAL_MS) {
        lastEmitMs = performance.now();
        options.onProgress?.(meter.update(written, 'Drawing'));
      }
    }
    if (signal?.aborted) throw abortError('Overlay rendering cancelled.');
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw signal?.aborted ? abortError('Overlay rendering cancelled.') : error;
  }
  options.onProgress?.(meter.update(written, 'Drawing'));
  return { frames: written };
}
