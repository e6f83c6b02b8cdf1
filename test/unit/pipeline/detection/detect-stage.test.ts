import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../../core/pipeline/bounded-queue';
import {
  DETECTOR_CALLS_AHEAD,
  detectStage,
  type DetectedFrame,
  type DetectStageInput,
} from '../../../../core/pipeline/detection/detect-stage';
import type { BoxDetector, StageTimesMs } from '../../../../core/pipeline/types';
import type { Box, Frame } from '../../../../core/types';

/**
 * The detect stage keeps the next detector call under way while this thread is busy elsewhere,
 * and still hands every frame on in order with its own boxes; a failed call fails the stage with
 * its own error.
 */
function frame(index: number): Frame {
  return { index, timestampMs: index * 40, width: 320, height: 240, rgb: new Uint8Array(0) };
}

/** A detector whose calls finish only when the test lets them, each with a box naming its frame. */
function gatedDetector(failOn?: number) {
  const log = { started: [] as number[], maxUnderWay: 0 };
  const gates: (() => void)[] = [];
  let underWay = 0;
  const detector: BoxDetector = {
    async detect(f) {
      log.started.push(f.index);
      underWay += 1;
      log.maxUnderWay = Math.max(log.maxUnderWay, underWay);
      await new Promise<void>((resolve) => gates.push(resolve));
      underWay -= 1;
      if (f.index === failOn) throw new Error(`detector failed on frame ${f.index}`);
      return [{ x: f.index, y: 0, w: 10, h: 10, score: 0.9 } satisfies Box];
    },
  };
  const release = () => gates.shift()?.();
  return { detector, log, release };
}

async function run(input: DetectStageInput, count: number, release: () => void) {
  const frames = new BoundedQueue<Frame>(3);
  const out = new BoundedQueue<DetectedFrame>(count + 1);
  const stageMs: StageTimesMs = { decode: 0, decodeWait: 0, detect: 0, propagate: 0, pose: 0, track: 0 };
  const stage = detectStage(input, frames, out, stageMs);
  const produce = (async () => {
    for (let index = 0; index < count; index++) await frames.push(frame(index));
    frames.close();
  })();
  // Lets one detector call finish at a time, as a busy thread would.
  const pump = setInterval(release, 2);
  try {
    await Promise.all([stage, produce]);
  } finally {
    clearInterval(pump);
  }
  const detected: DetectedFrame[] = [];
  for await (const item of out) detected.push(item);
  return detected;
}

describe('detectStage', () => {
  it(`keeps ${DETECTOR_CALLS_AHEAD} detector calls under way and hands frames on in order, each with its own boxes`, async () => {
    const { detector, log, release } = gatedDetector();
    const detected = await run({ detector, detIntervalFrames: 1, minBoxScore: 0.3 }, 12, release);
    expect(log.maxUnderWay).toBe(DETECTOR_CALLS_AHEAD);
    expect(detected.map((d) => d.frame.index)).toEqual([...Array(12).keys()]);
    expect(detected.every((d) => d.detections?.length === 1 && d.detections[0].x === d.frame.index)).toBe(true);
  });

  it('skips the detector between runs with --det-interval and keeps the order', async () => {
    const { detector, log, release } = gatedDetector();
    const detected = await run({ detector, detIntervalFrames: 3, minBoxScore: 0.3 }, 10, release);
    expect(log.started).toEqual([0, 3, 6, 9]);
    expect(detected.map((d) => [d.frame.index, d.detections === null])).toEqual(
      [...Array(10).keys()].map((i) => [i, i % 3 !== 0]),
    );
  });

  it('fails with the error of a failed call', async () => {
    const { detector, release } = gatedDetector(4);
    await expect(run({ detector, detIntervalFrames: 1, minBoxScore: 0.3 }, 10, release)).rejects.toThrow(
      'detector failed on frame 4',
    );
  });
});
