import type { Box, Frame } from '../../types';
import type { BoundedQueue } from '../bounded-queue';
import type { BoxDetector, StageTimesMs } from '../types';
import { newcomers, searchWindowForNewcomers } from './newcomers';
import { detectRequests } from './detect-requests';
import { NEWCOMER_SEARCH_MAX_FRAMES } from '../constants';

export interface DetectedFrame {
  frame: Frame;
  /** null on frames where the detector did not run. */
  detections: Box[] | null;
  /** The detector searched the tiles of this frame as well as the full frame. */
  tiled: boolean;
}

export interface DetectStageInput {
  detector: BoxDetector;
  /** The detector runs on every N-th frame delivered; propagation serves the frames between. */
  detIntervalFrames: number;
  /** Of those runs, every N-th also searches the tiles (when the detector tiles at all). */
  tileIntervalFrames?: number;
  /**
   * Frames the detector gets per call (upcoming frames gathered first): more than 1 pays off on
   * GPUs with dynamic-batch models; 1 on CPUs, where batching gains nothing and delays the poses.
   */
  detectorBatchFrames?: number;
  minBoxScore: number;
  /** Search the tiles between tiled passes too (see detectStage and run-stages.ts). */
  searchTilesBetweenPasses?: boolean;
}

/**
 * The detect stage: takes decoded frames in order, runs the detector on every detIntervalFrames-th
 * (with tiles on every tileIntervalFrames-th run), in calls of up to detectorBatchFrames frames,
 * and hands every frame on in order with its detections.
 *
 * With `searchTilesBetweenPasses` and tiles on only some runs, the frames between two tiled passes (up to
 * NEWCOMER_SEARCH_MAX_FRAMES) are held until the second one: when it finds someone new (see
 * newcomers.ts), the tiles around them are searched in the held frames too, so a small person is
 * tracked from the frame they appear on, not from the next tiled pass.
 */
export async function detectStage(
  input: DetectStageInput,
  frames: BoundedQueue<Frame>,
  out: BoundedQueue<DetectedFrame>,
  stageMs: StageTimesMs,
): Promise<void> {
  const tileInterval = input.tileIntervalFrames ?? 1;
  const batchFrames = Math.max(1, input.detectorBatchFrames ?? 1);
  const window = new TiledWindow(input, out, stageMs, input.searchTilesBetweenPasses === true && tileInterval > 1);
  let ordinal = 0;
  let detectorRuns = 0;
  let held: HeldFrame[] = [];
  const calls: DetectorCall[] = [];
  // Batched calls (GPUs) already hold several frames each: one at a time, as many frames held as before.
  const callsAhead = batchFrames > 1 ? 1 : DETECTOR_CALLS_AHEAD;
  // Starts the detector on the held frames; the call's result is taken up later, in order.
  const send = () => {
    const requests = held
      .filter((h) => h.fullFrameOnly !== null)
      .map(({ frame, fullFrameOnly }) => ({ frame, fullFrameOnly: fullFrameOnly! }));
    const found = detectRequests(input.detector, requests);
    // Failures surface when the call is taken up; until then, keep them from counting as unhandled.
    found.catch(() => undefined);
    calls.push({ frames: held, found });
    held = [];
  };
  const takeOldest = async () => {
    const { frames: batch, found } = calls.shift()!;
    const startMs = performance.now();
    const results = await found;
    stageMs.detect += performance.now() - startMs;
    let next = 0;
    for (const { frame, fullFrameOnly } of batch) {
      const detections =
        fullFrameOnly === null ? null : results[next++].filter((box) => box.score >= input.minBoxScore);
      await window.add({ frame, detections, tiled: fullFrameOnly === false });
    }
  };
  const iterator = frames[Symbol.asyncIterator]();
  for (;;) {
    const waitStartMs = performance.now();
    const next = await iterator.next();
    stageMs.decodeWait += performance.now() - waitStartMs;
    if (next.done) break;
    const runsHere = ordinal % input.detIntervalFrames === 0;
    ordinal += 1;
    held.push({ frame: next.value, fullFrameOnly: runsHere ? detectorRuns++ % tileInterval !== 0 : null });
    if (held.filter((h) => h.fullFrameOnly !== null).length < batchFrames) continue;
    send();
    if (calls.length >= callsAhead) await takeOldest();
  }
  if (held.length > 0) send();
  while (calls.length > 0) await takeOldest();
  await window.flush();
  out.close();
}

/**
 * Detector calls of one frame under way at once. With two, the detector's thread always has the
 * next frame waiting when it finishes one, instead of idling until this thread (busy with the pose
 * model's calls, which block it) gets round to taking the result and sending the next frame.
 */
export const DETECTOR_CALLS_AHEAD = 2;

/** A frame waiting for the detector; fullFrameOnly null: the detector does not run on it. */
interface HeldFrame {
  frame: Frame;
  fullFrameOnly: boolean | null;
}

/** A detector call under way, with the frames it covers (those the detector skips included). */
interface DetectorCall {
  frames: HeldFrame[];
  found: Promise<Box[][]>;
}

/**
 * Detected frames on their way out; with `holding`, the last NEWCOMER_SEARCH_MAX_FRAMES frames
 * before a tiled pass are kept until it has run.
 */
class TiledWindow {
  private held: DetectedFrame[] = [];
  /** Boxes of the last tiled pass, once there was one. */
  private lastTiled: Box[] | null = null;
  /** Boxes of the full-frame passes since the last tiled pass (held frames or not). */
  private seenSinceTiled: Box[] = [];

  constructor(
    private readonly input: DetectStageInput,
    private readonly out: BoundedQueue<DetectedFrame>,
    private readonly stageMs: StageTimesMs,
    private readonly holding: boolean,
  ) {}

  async add(detected: DetectedFrame): Promise<void> {
    if (!this.holding) return this.out.push(detected);
    if (!detected.tiled) {
      this.seenSinceTiled.push(...(detected.detections ?? []));
      this.held.push(detected);
      if (this.held.length > NEWCOMER_SEARCH_MAX_FRAMES) await this.out.push(this.held.shift()!);
      return;
    }
    if (this.lastTiled) {
      const people = newcomers(detected.detections ?? [], [...this.lastTiled, ...this.seenSinceTiled]);
      const startMs = performance.now();
      await searchWindowForNewcomers(this.input.detector, this.held, people, this.input.minBoxScore);
      this.stageMs.detect += performance.now() - startMs;
    }
    this.lastTiled = detected.detections ?? [];
    this.seenSinceTiled = [];
    this.held.push(detected);
    await this.flush();
  }

  /** Hands on every held frame, in order. */
  async flush(): Promise<void> {
    for (const detected of this.held) await this.out.push(detected);
    this.held = [];
  }
}

/**
 * Frames per detector call on an execution provider: 1 on CPU (a batch of frames costs the CPU as
 * much as the frames one by one, and makes the pose stage wait for the whole batch), 8 on GPU
 * providers, where one call of several images uses the device far better than several calls.
 */
export function detectorBatchFramesFor(provider: string): number {
  return provider === 'cpu' ? 1 : 8;
}
