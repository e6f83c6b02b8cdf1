import type { Box, Frame, FramePoses, Pose, Progress } from '../types';
import { abortError, isAbortError } from '../util/abort';
import { BoundedQueue } from './bounded-queue';
import { DETECTOR_CALLS_AHEAD, detectStage, type DetectedFrame } from './detection/detect-stage';
import { mergeBoxes } from './merge-boxes';
import { boxesNearLost, missingPeople } from './detection/lost-search';
import { meanKeypointScore } from '../keypoints/mean-score';
import { propagateBoxes } from './propagate';
import { suppressDuplicatePoses } from './pose-nms';
import { ProgressMeter } from './progress-meter';
import type { BoxDetector, CandidateBox, FrameTracker, PoseModel, PropagationSource, StageTimesMs } from './types';
import {
  POSE_NMS_MAX_OKS,
  PROGRESS_INTERVAL_MS,
  PROPAGATION_MIN_MEAN_KEYPOINT_SCORE,
  STAGE_QUEUE_CAPACITY_FRAMES,
  NEWCOMER_SEARCH_MAX_FRAMES,
} from './constants';

export interface StagesInput {
  /** Opens the decoder; `signal` fires when the run stops early, and must end decoding. */
  openFrames(signal: AbortSignal): AsyncIterable<Frame>;
  /** Frames the decoder will deliver (for progress and ETA). */
  totalFrames: number;
  detector: BoxDetector;
  poseModel: PoseModel;
  tracker: FrameTracker;
  /** The detector runs on every N-th frame delivered; propagation serves the frames between. */
  detIntervalFrames: number;
  /** Of those runs, every N-th also searches the tiles (when the detector tiles at all). */
  tileIntervalFrames?: number;
  /**
   * Between tiled passes, search the tiles around people a frame lost (on that frame) and around
   * people a tiled pass finds new (on the frames before it); for detectors that tile at all.
   */
  searchTilesBetweenPasses?: boolean;
  /** Frames per detector call (see DetectStageInput); default 1. */
  detectorBatchFrames?: number;
  minBoxScore: number;
  minKeypointScore: number;
  /** OKS sigmas and left/right pairs of the pose model's keypoint schema. */
  sigmas: readonly number[];
  flipPairs: readonly (readonly [number, number])[];
  signal?: AbortSignal;
  /** Called once the pose stage is done with a frame (its pixels may then be reused). */
  releaseFrame?(frame: Frame): void;
  onProgress?(progress: Progress): void;
  onFrames?(frames: FramePoses[]): void;
}

export interface StagesOutput {
  frames: FramePoses[];
  stageMs: StageTimesMs;
  /** Poses over all frames (person instances). */
  persons: number;
  /** Distinct track ids. */
  tracks: number;
}

/**
 * Runs decode → detect → (propagate → pose → track) as three concurrent stages joined by small
 * bounded queues, so decoding and detection of the next frames overlap pose estimation of the
 * current one while at most a few frames are held in memory. Propagation, pose and tracking stay
 * in one stage because each frame's boxes depend on the previous frame's poses.
 *
 * When a stage fails, the others are stopped (the decoder's signal fires, which ends ffmpeg) and
 * the first real error is thrown; when `signal` fires, an AbortError is thrown.
 */
export async function runStages(input: StagesInput): Promise<StagesOutput> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (input.signal?.aborted) throw abortError('Tracking cancelled.');
  input.signal?.addEventListener('abort', stop, { once: true });
  const stageMs: StageTimesMs = { decode: 0, decodeWait: 0, detect: 0, propagate: 0, pose: 0, track: 0 };
  const decoded = new BoundedQueue<Frame>(STAGE_QUEUE_CAPACITY_FRAMES, controller.signal);
  const detected = new BoundedQueue<DetectedFrame>(STAGE_QUEUE_CAPACITY_FRAMES, controller.signal);
  const stopOnFailure = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      stop();
      throw error;
    });
  try {
    const settled = await Promise.allSettled([
      stopOnFailure(decodeStage(input, decoded, stageMs, controller.signal)),
      stopOnFailure(detectStage(input, decoded, detected, stageMs)),
      stopOnFailure(poseStage(input, detected, stageMs)),
    ]);
    if (input.signal?.aborted) throw abortError('Tracking cancelled.');
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0) throw failures.find((e) => !isAbortError(e)) ?? failures[0];
    const output = settled[2] as PromiseFulfilledResult<Omit<StagesOutput, 'stageMs'>>;
    return { ...output.value, stageMs };
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}

/**
 * The most frames the stages hold at once (with one frame per detector call): both queues full,
 * the frames the detect stage holds before a tiled pass (those between two tiled passes, up to
 * NEWCOMER_SEARCH_MAX_FRAMES), those of its detector calls under way, one in the hands of each
 * of the other stages, and the one being tracked while the pose stage works on the next.
 */
export function framesInFlight(tileIntervalFrames: number, detIntervalFrames: number): number {
  const held = Math.min(tileIntervalFrames * detIntervalFrames - 1, NEWCOMER_SEARCH_MAX_FRAMES);
  return 2 * STAGE_QUEUE_CAPACITY_FRAMES + Math.max(0, held) + DETECTOR_CALLS_AHEAD + 3;
}

async function decodeStage(
  input: StagesInput,
  out: BoundedQueue<Frame>,
  stageMs: StageTimesMs,
  signal: AbortSignal,
): Promise<void> {
  const iterator = input.openFrames(signal)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const startMs = performance.now();
      const next = await iterator.next();
      stageMs.decode += performance.now() - startMs;
      if (next.done) break;
      await out.push(next.value);
    }
    out.close();
  } finally {
    // Ends the decoder (and its ffmpeg process) when we stop before the last frame.
    await iterator.return?.();
  }
}

/**
 * Propagation and poses frame after frame; each frame's tracking (and its re-ID embeddings, which a
 * re-ID model on its own thread computes meanwhile) runs while the next frame's poses are
 * estimated, since those depend on this frame's poses, not on its track ids. At most one frame is
 * being tracked at a time, in order.
 */
async function poseStage(
  input: StagesInput,
  detected: BoundedQueue<DetectedFrame>,
  stageMs: StageTimesMs,
): Promise<Omit<StagesOutput, 'stageMs'>> {
  const meter = new ProgressMeter(input.totalFrames);
  const frames: FramePoses[] = [];
  const trackIds = new Set<number>();
  let persons = 0;
  let sources: PropagationSource[] = [];
  let unsent: FramePoses[] = [];
  let lastEmitMs = -Infinity;
  const emit = () => {
    lastEmitMs = performance.now();
    if (unsent.length > 0) input.onFrames?.(unsent);
    unsent = [];
    input.onProgress?.(meter.update(frames.length));
  };
  const trackFrame = async (frame: Frame, found: PropagationSource[]) => {
    const startMs = performance.now();
    const tracked = await input.tracker.update(
      frame.index,
      found.map((s) => s.pose),
      frame,
    );
    // Released only now: the tracker reads the people's colours (or embeddings) from the frame's pixels.
    input.releaseFrame?.(frame);
    stageMs.track += performance.now() - startMs;
    const framePoses: FramePoses = { frameIndex: frame.index, timestampMs: frame.timestampMs, poses: tracked };
    frames.push(framePoses);
    unsent.push(framePoses);
    persons += tracked.length;
    for (const pose of tracked) trackIds.add(pose.trackId);
    if (performance.now() - lastEmitMs >= PROGRESS_INTERVAL_MS) emit();
  };
  let tracking: Promise<void> = Promise.resolve();
  for await (const { frame, detections, tiled } of detected) {
    let startMs = performance.now();
    const propagated = propagateBoxes(sources, {
      imageSize: [frame.width, frame.height],
      minKeypointScore: input.minKeypointScore,
    });
    const candidates = mergeBoxes(detections, propagated);
    stageMs.propagate += performance.now() - startMs;
    startMs = performance.now();
    const found = await estimatePoses(input, frame, candidates, sources, tiled);
    stageMs.pose += performance.now() - startMs;
    sources = found;
    await tracking;
    tracking = trackFrame(frame, found);
    // Awaited before the next frame's tracking or at the end; a failure meanwhile is not unhandled.
    tracking.catch(() => undefined);
  }
  await tracking;
  emit();
  return { frames, persons, tracks: trackIds.size };
}

/**
 * Poses for the candidate boxes of one frame, with the boxes' detector-miss counts kept for the
 * next propagation. Poses from propagated boxes that found nobody (the person left) are dropped,
 * as are duplicates of one person found through two boxes. When people of the previous frame
 * (`previous`) are missing from this one and the detector did not search this frame's tiles, the
 * tiles around where they were are searched: small people the full-frame pass cannot see would
 * otherwise stay lost until the next tiled pass.
 */
async function estimatePoses(
  input: StagesInput,
  frame: Frame,
  candidates: CandidateBox[],
  previous: readonly PropagationSource[],
  tiled: boolean,
): Promise<PropagationSource[]> {
  const posed = await posesOfBoxes(input, frame, candidates);
  if (!tiled && input.searchTilesBetweenPasses) {
    const posedBoxes = posed.map(({ pose }) => pose.box);
    const lost = missingPeople(
      previous.map(({ pose }) => pose.box),
      posedBoxes,
    );
    const found =
      lost.length > 0 ? await boxesNearLost(input.detector, frame, lost, posedBoxes, input.minBoxScore) : [];
    if (found.length > 0) posed.push(...(await posesOfBoxes(input, frame, found)));
  }
  const missesOf = new Map(posed.map(({ pose, detectorMisses }) => [pose, detectorMisses]));
  const groups = suppressDuplicatePoses(
    posed.map(({ pose }) => pose),
    {
      sigmas: input.sigmas,
      flipPairs: input.flipPairs,
      minKeypointScore: input.minKeypointScore,
      maxOks: POSE_NMS_MAX_OKS,
    },
  );
  // A person the detector found counts as detected, whichever of their copies was kept.
  return groups.map(({ kept, duplicates }) => ({
    pose: kept,
    detectorMisses: Math.min(...[kept, ...duplicates].map((pose) => missesOf.get(pose) ?? 0)),
  }));
}

/** One pose per box, except for propagated boxes that found nobody. */
async function posesOfBoxes(
  input: StagesInput,
  frame: Frame,
  candidates: CandidateBox[],
): Promise<PropagationSource[]> {
  if (candidates.length === 0) return [];
  const poses = await input.poseModel.estimate(frame, candidates);
  if (poses.length !== candidates.length) {
    throw new Error(
      `The pose model returned ${poses.length} poses for ${candidates.length} boxes on frame ${frame.index}.`,
    );
  }
  return poses.flatMap((raw, i): PropagationSource[] => {
    // The plain box: the candidate's bookkeeping (miss count) stays out of the result.
    const { x, y, w, h, score } = raw.box;
    const pose: Pose = { ...raw, box: { x, y, w, h, score }, source: candidates[i].source };
    if (pose.source === 'propagated' && meanKeypointScore(pose.keypoints) < PROPAGATION_MIN_MEAN_KEYPOINT_SCORE)
      return [];
    return [{ pose, detectorMisses: candidates[i].detectorMisses }];
  });
}
