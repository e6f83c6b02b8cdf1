import type { RunSummary } from '../api/pose-api';
import type { FramePoses, Progress, TrackingResult } from '../types';
import { probeVideo, readFrames } from '../video';
import { FrameBufferPool } from '../video/frame-pool';
import { framesInFlight } from './run-stages';
import { framesOfSpan } from '../video/timestamps';
import { concurrentModelThreads, createThreadedDetector } from './detection/detector-thread';
import { createPoseEstimator } from '../pose/estimator';
import { abortError, throwIfAborted } from '../util/abort';
import { resolveFrameRange, runReadOptions } from './frame-range';
import { runStages } from './run-stages';
import { detectorBatchFramesFor } from './detection/detect-stage';
import { resolveTrackOptions, type ResolvedTrackOptions, type TrackOptions } from './track-options';
import { buildStages, type StageFactories } from './build-stages';
import type { LoadedDetector, LoadedPoseEstimator } from './load-models';
import { modelCallCounts, modelStageTimesMs } from './stage-breakdown';
import { loadReidModel, withEmbeddings } from './reid-stage';
import { createThreadedEmbedder } from './reid-thread';
import type { PersonEmbedder } from '../pose/reid-embedder';

export interface TrackHooks {
  /** Throttled (a few times per second) and once at the end. */
  onProgress?(progress: Progress): void;
  /** New tracked frames, in order, in batches sent with the progress events (for a live view). */
  onFrames?(frames: FramePoses[]): void;
  /** Cancels the run: the promise rejects with an Error named 'AbortError' and ffmpeg is ended. */
  signal?: AbortSignal;
  /** Notices that do not stop the run (CPU fallback, a skipped option); also listed in the summary. */
  onWarning?(message: string): void;
  /** What builds the models; the ONNX sessions (runModelFactories) when absent, fakes in tests. */
  factories?: StageFactories<LoadedDetector & { readonly inputSize: readonly [number, number] }, LoadedPoseEstimator>;
}

/** The run's models as ONNX sessions: the detector and the re-ID model each on a thread of its own, the pose model here. */
export function runModelFactories(): NonNullable<TrackHooks['factories']> {
  return {
    createDetector: createThreadedDetector,
    createPoseEstimator,
    loadReidModel: (options) => loadReidModel(options, createThreadedEmbedder),
    defaultThreads: concurrentModelThreads(),
  };
}

export interface TrackRun {
  result: TrackingResult;
  summary: RunSummary;
}

/**
 * Tracks every person in a video (or image sequence): probe → load models → decode → detect →
 * propagate → pose → track. The same runner serves the CLI, batch mode and the desktop app.
 * Models are loaded once per run and disposed when it ends, however it ends. Only the poses are
 * kept, never the frames, so memory stays flat in the video's length.
 */
export async function runTracking(input: string, options: TrackOptions, hooks: TrackHooks = {}): Promise<TrackRun> {
  const runStartMs = performance.now();
  const settings = resolveTrackOptions(options);
  const warnings: string[] = [];
  const onWarning = (message: string) => {
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const signal = hooks.signal;
  throwIfAborted(signal, 'Tracking cancelled.');

  // The models load while the video is probed: none needs another, and each takes a while.
  let startMs = performance.now();
  const stages = buildStages(settings, hooks.factories ?? runModelFactories());
  const loading = stages.loadModels(onWarning);
  const reidLoading = stages.loadReidModel(onWarning);
  // Handled here at once: a failed load must not count as an unhandled rejection while the others run.
  loading.catch(() => undefined);
  reidLoading.catch(() => undefined);
  const disposeReid = () =>
    reidLoading.then(
      (loaded) => loaded?.dispose(),
      () => undefined,
    );
  const probed = await probeSpan(input, settings, signal).catch(async (error: unknown) => {
    await Promise.all([
      loading.then(
        (loaded) => loaded.dispose(),
        () => undefined,
      ),
      disposeReid(),
    ]);
    throw error;
  });
  const { video, range } = probed;
  const probeMs = performance.now() - startMs;
  const models = await loading.catch(async (error: unknown) => {
    await disposeReid();
    throw error;
  });
  let reidModel: PersonEmbedder | undefined;
  try {
    reidModel = await reidLoading;
    const loadMs = performance.now() - startMs;
    throwIfAborted(signal, 'Tracking cancelled.');
    hooks.onProgress?.({ done: 0, total: range.count, message: 'Tracking' });
    const tracker = stages.createTracker(video, models.poseEstimator.schema);
    // One buffer for every frame the stages may hold at once.
    const bufferPool = new FrameBufferPool(framesInFlight(settings.tileIntervalFrames, settings.detIntervalFrames));
    const output = await runStages({
      openFrames: (stageSignal) => readFrames(video, { ...runReadOptions(range), signal: stageSignal, bufferPool }),
      releaseFrame: (frame) => bufferPool.give(frame.rgb),
      totalFrames: range.count,
      detector: models.detector,
      poseModel: models.poseEstimator,
      tracker: withEmbeddings(tracker, reidModel),
      detIntervalFrames: settings.detIntervalFrames,
      tileIntervalFrames: settings.tileIntervalFrames,
      searchTilesBetweenPasses: settings.detectorTiling !== 'off',
      detectorBatchFrames: detectorBatchFramesFor(models.detector.provider),
      minBoxScore: settings.minBoxScore,
      minKeypointScore: settings.minKeypointScore,
      sigmas: models.poseEstimator.schema.sigmas,
      flipPairs: models.poseEstimator.schema.flipPairs,
      signal,
      onProgress: hooks.onProgress,
      onFrames: hooks.onFrames,
    });
    const executionProvider = models.poseEstimator.provider;
    startMs = performance.now();
    const stitched = stages.stitch(output.frames, tracker, video);
    const stitchMs = performance.now() - startMs;
    const result: TrackingResult = {
      video,
      schema: models.poseEstimator.schema.id,
      frames: stitched.frames,
      ...(settings.stitch && { joins: stitched.joins }),
      models: { detector: models.detector.manifest.id, pose: models.poseEstimator.manifest.id },
      executionProvider,
    };
    const summary: RunSummary = {
      frames: output.frames.length,
      // Counted on the result: stitching joins pieces and leaves out the shortest tracks.
      persons: stitched.frames.reduce((n, f) => n + f.poses.length, 0),
      tracks: new Set(stitched.frames.flatMap((f) => f.poses.map((p) => p.trackId))).size,
      wallMs: performance.now() - runStartMs,
      stageMs: {
        probe: probeMs,
        load: loadMs,
        ...output.stageMs,
        stitch: stitchMs,
        ...modelStageTimesMs(models.detector.times, models.poseEstimator.times, reidModel?.times),
      },
      modelCalls: modelCallCounts(models.detector.times, models.poseEstimator.times, reidModel?.times),
      executionProvider,
      warnings,
    };
    return { result, summary };
  } finally {
    await Promise.allSettled([models.dispose(), reidModel?.dispose()]);
  }
}

/** Probes the input and resolves the run's frame range in it. */
async function probeSpan(input: string, settings: ResolvedTrackOptions, signal: AbortSignal | undefined) {
  const video = await probeVideo(input, { signal }).catch((error: unknown) => {
    throw signal?.aborted ? abortError('Tracking cancelled.') : error;
  });
  if (settings.startTimeMs !== undefined && settings.startTimeMs >= video.durationMs) {
    throw new Error(
      `Start time ${formatSeconds(settings.startTimeMs)} is past the end of ${video.path} (${formatSeconds(video.durationMs)} long).`,
    );
  }
  const span = framesOfSpan(video, settings);
  const range = resolveFrameRange(
    video.frameCount,
    { stride: settings.stride, startFrame: span.startFrame ?? 0, endFrame: span.endFrame },
    video.path,
  );
  return { video, range };
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}
