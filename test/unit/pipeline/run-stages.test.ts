import { describe, expect, it } from 'vitest';
import { runStages, type StagesInput } from '../../../core/pipeline/run-stages';
import { PoseTracker } from '../../../core/track';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Box, Frame, FramePoses, Keypoint, Pose, Progress } from '../../../core/types';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

const WIDTH = 320;
const HEIGHT = 240;

/** Where the scripted person stands on frame `index`: walking right 2 px per frame. */
function personBox(index: number): Box {
  return { x: 40 + index * 2, y: 30, w: 60, h: 180, score: 0.9 };
}

function personKeypoints(box: Box, score: number): Keypoint[] {
  return Array.from({ length: 17 }, (_, i) => [box.x + 10 + (i % 3) * 20, box.y + 10 + i * 10, score] as Keypoint);
}

interface DecoderLog {
  delivered: number;
  closed: boolean;
}

/** A decoder of `count` blank frames that records how far it ran and whether it was closed. */
function fakeDecoder(count: number, log: DecoderLog) {
  return async function* frames(): AsyncGenerator<Frame> {
    try {
      for (let index = 0; index < count; index += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        log.delivered = index + 1;
        yield { index, timestampMs: (index * 1000) / 30, width: WIDTH, height: HEIGHT, rgb: new Uint8Array(0) };
      }
    } finally {
      log.closed = true;
    }
  };
}

function makeInput(count: number, overrides: Partial<StagesInput> & { missedFrames?: number[] } = {}) {
  const log: DecoderLog = { delivered: 0, closed: false };
  const detectorCalls: number[] = [];
  const input: StagesInput = {
    openFrames: fakeDecoder(count, log),
    totalFrames: count,
    detector: {
      async detect(frame) {
        detectorCalls.push(frame.index);
        // A low-score false positive that minBoxScore must filter out.
        const noise = { x: 250, y: 10, w: 30, h: 30, score: 0.1 };
        return overrides.missedFrames?.includes(frame.index) ? [noise] : [personBox(frame.index), noise];
      },
    },
    poseModel: {
      async estimate(frame, boxes) {
        // The person is really there on every frame: keypoints follow the person, not the box.
        return boxes.map((box): Pose => ({ keypoints: personKeypoints(personBox(frame.index), 0.8), box, score: 0.8 }));
      },
    },
    tracker: new PoseTracker(TEST_TRACKER_RUN),
    detIntervalFrames: 1,
    minBoxScore: 0.3,
    minKeypointScore: 0.3,
    sigmas: COCO17.sigmas,
    flipPairs: COCO17.flipPairs,
    ...overrides,
  };
  return { input, log, detectorCalls };
}

describe('runStages', () => {
  it('keeps a person through detector misses with propagated boxes, one track throughout', async () => {
    const { input, log } = makeInput(20, { missedFrames: [5, 6, 7] });
    const output = await runStages(input);
    expect(output.frames.map((f) => f.frameIndex)).toEqual([...Array(20).keys()]);
    expect(output.frames.every((f) => f.poses.length === 1 && f.poses[0].trackId === 0)).toBe(true);
    expect(
      output.frames.flatMap((f) => f.poses.map((p) => (p.source === 'propagated' ? f.frameIndex : []))).flat(),
    ).toEqual([5, 6, 7]);
    expect(output.persons).toBe(20);
    expect(output.tracks).toBe(1);
    expect(log.closed).toBe(true);
    expect(output.stageMs.detect).toBeGreaterThan(0);
    expect(Object.keys(output.frames[6].poses[0].box).sort()).toEqual(['h', 'score', 'w', 'x', 'y']);
  });

  it('runs the detector every N-th frame and propagates in between', async () => {
    const { input, detectorCalls } = makeInput(20, { detIntervalFrames: 4 });
    const output = await runStages(input);
    expect(detectorCalls).toEqual([0, 4, 8, 12, 16]);
    expect(output.frames.every((f) => f.poses.length === 1)).toBe(true);
    expect(output.tracks).toBe(1);
  });

  it('searches the tiles on every N-th detector run only, the full frame on every run, and releases every frame', async () => {
    const calls: { frame: number; fullFrameOnly: boolean }[] = [];
    const { input } = makeInput(12, { detIntervalFrames: 2, tileIntervalFrames: 3 });
    input.detector = {
      async detect(frame, options) {
        calls.push({ frame: frame.index, fullFrameOnly: options?.fullFrameOnly ?? false });
        return [personBox(frame.index)];
      },
    };
    const released: number[] = [];
    input.releaseFrame = (frame) => released.push(frame.index);
    const output = await runStages(input);
    expect(released).toEqual([...Array(12).keys()]);
    expect(calls.map((c) => c.frame)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(calls.filter((c) => !c.fullFrameOnly).map((c) => c.frame)).toEqual([0, 6]);
    expect(output.frames.every((f) => f.poses.length === 1 && f.poses[0].trackId === 0)).toBe(true);
    expect(output.stageMs.decodeWait).toBeGreaterThan(0);
  });

  it('hands the detector batches of upcoming frames, keeping every frame in order', async () => {
    const groups: { frame: number; fullFrameOnly?: boolean }[][] = [];
    const { input } = makeInput(10, { detIntervalFrames: 2, tileIntervalFrames: 2, detectorBatchFrames: 2 });
    input.detector = {
      // A single frame (the last, short batch) goes through detect.
      async detect(frame, options) {
        groups.push([{ frame: frame.index, fullFrameOnly: options?.fullFrameOnly }]);
        return [personBox(frame.index)];
      },
      async detectFrames(requests) {
        groups.push(requests.map(({ frame, fullFrameOnly }) => ({ frame: frame.index, fullFrameOnly })));
        return requests.map(({ frame }) => [personBox(frame.index)]);
      },
    };
    const output = await runStages(input);
    // Detector frames 0, 2, 4, 6, 8 in batches of two; tiles on every second run.
    expect(groups).toEqual([
      [
        { frame: 0, fullFrameOnly: false },
        { frame: 2, fullFrameOnly: true },
      ],
      [
        { frame: 4, fullFrameOnly: false },
        { frame: 6, fullFrameOnly: true },
      ],
      [{ frame: 8, fullFrameOnly: false }],
    ]);
    expect(output.frames.map((f) => f.frameIndex)).toEqual([...Array(10).keys()]);
    expect(output.frames.every((f) => f.poses.length === 1 && f.poses[0].trackId === 0)).toBe(true);
  });

  it('reports progress up to the total and hands every frame to onFrames once, in order', async () => {
    const progress: Progress[] = [];
    const batches: FramePoses[][] = [];
    const { input } = makeInput(12, { onProgress: (p) => progress.push(p), onFrames: (f) => batches.push(f) });
    const output = await runStages(input);
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(batches.flat()).toEqual(output.frames);
  });

  it('holds only a few frames between decoder and pose model', async () => {
    let maxAhead = 0;
    const { input, log } = makeInput(40);
    const slowPose = input.poseModel;
    input.poseModel = {
      async estimate(frame, boxes) {
        maxAhead = Math.max(maxAhead, log.delivered - frame.index);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return slowPose.estimate(frame, boxes);
      },
    };
    await runStages(input);
    // Two queues of 3 plus one frame in each stage's hands.
    expect(maxAhead).toBeLessThanOrEqual(9);
    expect(maxAhead).toBeGreaterThanOrEqual(2);
  });

  it('rejects with an AbortError when cancelled and closes the decoder', async () => {
    const controller = new AbortController();
    const { input, log } = makeInput(1000, { signal: controller.signal });
    const poseModel = input.poseModel;
    input.poseModel = {
      async estimate(frame, boxes) {
        if (frame.index === 5) controller.abort();
        return poseModel.estimate(frame, boxes);
      },
    };
    await expect(runStages(input)).rejects.toMatchObject({ name: 'AbortError', message: 'Tracking cancelled.' });
    expect(log.closed).toBe(true);
    expect(log.delivered).toBeLessThan(100);
  });

  it('rejects with the failing stage’s own error and stops the others', async () => {
    const { input, log } = makeInput(1000);
    input.detector = {
      async detect(frame) {
        if (frame.index === 3) throw new Error('detector exploded on frame 3');
        return [personBox(frame.index)];
      },
    };
    await expect(runStages(input)).rejects.toThrow('detector exploded on frame 3');
    expect(log.closed).toBe(true);
    expect(log.delivered).toBeLessThan(20);
  });

  it('rejects when the pose model returns the wrong number of poses', async () => {
    const { input } = makeInput(5);
    input.poseModel = { estimate: async () => [] };
    await expect(runStages(input)).rejects.toThrow('The pose model returned 0 poses for 1 boxes on frame 0.');
  });

  it('drops a propagated person whose pose collapses after they leave', async () => {
    const { input } = makeInput(15);
    // The person leaves after frame 4: nothing to detect, and the pose model sees only background.
    input.detector = { detect: async (frame) => (frame.index <= 4 ? [personBox(frame.index)] : []) };
    input.poseModel = {
      estimate: async (frame, boxes) =>
        boxes.map((box) => ({
          keypoints: personKeypoints(personBox(frame.index), frame.index <= 4 ? 0.8 : 0.05),
          box,
          score: 0.5,
        })),
    };
    const output = await runStages(input);
    expect(output.frames.map((f) => f.poses.length)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
