import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetector, type Detector } from '../../../core/detect/detector';
import {
  concurrentModelThreads,
  createThreadedDetector,
  type ThreadedDetector,
} from '../../../core/pipeline/detection/detector-thread';
import { probeVideo, readFrames } from '../../../core/video/index';
import { FrameBufferPool } from '../../../core/video/frame-pool';
import type { Box, Frame } from '../../../core/types';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

/**
 * The detector on its own thread gives exactly the boxes of the detector on the calling thread,
 * for frames in shared memory (the decoder's pool) and in ordinary buffers, tiles included, and
 * keeps the call counts; a model that cannot load fails with the loader's own message.
 */
const OPTIONS = { model: 'yolox-nano-416', device: 'cpu' as const, threads: 1, tiling: 'auto' as const };
const FRAME_INDICES = [0, 60, 120];

let frames: Frame[] = [];
let local: Detector;
let threaded: ThreadedDetector;

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  const video = await probeVideo(VIDEOS.twoPeople);
  const pool = new FrameBufferPool();
  for await (const frame of readFrames(video, { endFrame: 121, bufferPool: pool })) {
    if (FRAME_INDICES.includes(frame.index)) frames.push(frame);
    else pool.give(frame.rgb);
  }
  [local, threaded] = await Promise.all([createDetector(OPTIONS), createThreadedDetector(OPTIONS)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([local?.dispose(), threaded?.dispose()]);
  frames = [];
});

function rounded(boxes: Box[]): number[][] {
  return boxes.map((b) => [b.x, b.y, b.w, b.h, b.score].map((v) => Math.round(v * 1000) / 1000));
}

describe('detector on its own thread', () => {
  it('reports the model and provider it loaded', () => {
    expect(threaded.manifest.id).toBe('yolox-nano-416');
    expect(threaded.provider).toBe('cpu');
  });

  it('finds the same boxes as on the calling thread, from shared and from ordinary pixels', async () => {
    expect(frames[0].rgb.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const frame of frames) {
      const expected = await local.detect(frame);
      expect(expected.length).toBeGreaterThan(0);
      expect(rounded(await threaded.detect(frame))).toEqual(rounded(expected));
      const copy = { ...frame, rgb: Uint8Array.from(frame.rgb) };
      expect(rounded(await threaded.detect(copy, { fullFrameOnly: true }))).toEqual(
        rounded(await local.detect(frame, { fullFrameOnly: true })),
      );
    }
  });

  it('answers concurrent calls in order, and counts its calls like the local detector', async () => {
    const before = threaded.times.images;
    const results = await Promise.all(frames.map((frame) => threaded.detect(frame, { fullFrameOnly: true })));
    for (const [i, frame] of frames.entries())
      expect(rounded(results[i])).toEqual(rounded(await local.detect(frame, { fullFrameOnly: true })));
    expect(threaded.times.images - before).toBe(frames.length);
    expect(threaded.times.modelMs).toBeGreaterThan(0);
  });

  it("rejects a call on a broken frame with the detector's own message and keeps working", async () => {
    const broken = { ...frames[0], rgb: new Uint8Array(10) };
    await expect(threaded.detect(broken)).rejects.toThrow(/Image buffer holds 10 bytes/);
    expect((await threaded.detect(frames[0], { fullFrameOnly: true })).length).toBeGreaterThan(0);
  });

  it('fails to load with a message that names the missing model, and leaves no thread behind', async () => {
    await expect(createThreadedDetector({ ...OPTIONS, model: 'no-such-detector' })).rejects.toThrow(/no-such-detector/);
  });

  it('refuses calls once disposed', async () => {
    const detector = await createThreadedDetector(OPTIONS);
    await detector.dispose();
    await expect(detector.detect(frames[0])).rejects.toThrow(/disposed/);
  });

  it('gives the detector every core and the pose model half of them', () => {
    expect(concurrentModelThreads(2)).toEqual({ detector: 2, pose: 1 });
    expect(concurrentModelThreads(16)).toEqual({ detector: 16, pose: 8 });
    expect(concurrentModelThreads(1)).toEqual({ detector: 1, pose: 1 });
  });
});
