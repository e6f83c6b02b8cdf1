/**
 * Batched detection of upcoming frames with a dynamic-batch model (RTMDet-nano) on the CPU: one
 * call for all views of two frames, the same boxes as one frame at a time.
 *
 * `detect(frame, { fullFrameOnly: true })` with tiling on runs the full-frame view alone: one model
 * image instead of seven on the two-people clip, and the same boxes as a detector without tiles.
 * The call counters (`times`) that the pipeline's per-stage breakdown reads count those images.
 */
import { describe, expect, it } from 'vitest';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { createDetector } from '../../../core/detect/detector';
import { probeVideo, readFrames } from '../../../core/video/index';
import type { Frame } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

async function framesAt(startFrame: number, count: number): Promise<Frame[]> {
  const info = await probeVideo(VIDEOS.twoPeople);
  const frames: Frame[] = [];
  for await (const frame of readFrames(info, { startFrame, endFrame: startFrame + count })) frames.push(frame);
  return frames;
}

async function frame80(): Promise<Frame> {
  return (await framesAt(80, 1))[0];
}

describe('full-frame-only detection', () => {
  it('skips the tiles and finds what an untiled detector finds', async () => {
    const frame = await frame80();
    const tiled = await createDetector({ model: 'yolox-nano-416', device: 'cpu', threads: 1 });
    const plain = await createDetector({ model: 'yolox-nano-416', device: 'cpu', threads: 1, tiling: 'off' });
    try {
      const views = tiled.viewsFor(frame.width, frame.height).length;
      expect(views).toBe(7);
      await tiled.detect(frame);
      expect(tiled.times).toMatchObject({ calls: 7, images: 7, callsByBatch: { 1: 7 } });
      const fullOnly = await tiled.detect(frame, { fullFrameOnly: true });
      expect(tiled.times).toMatchObject({ calls: 8, images: 8 });
      expect(tiled.times.modelMs).toBeGreaterThan(0);
      expect(tiled.times.preMs).toBeGreaterThan(0);
      expect(fullOnly).toEqual(await plain.detect(frame));
      expect(fullOnly.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([tiled.dispose(), plain.dispose()]);
    }
  });
});

describe('detectFrames', () => {
  it('runs all views of several frames in one call of a dynamic-batch model, with the same boxes', async () => {
    const frames = await framesAt(100, 2);
    const batched = await createDetector({ model: 'rtmdet-nano', device: 'cpu', threads: 1 });
    try {
      expect(batched.viewsFor(frames[0].width, frames[0].height)).toHaveLength(7);
      const together = await batched.detectFrames([{ frame: frames[0] }, { frame: frames[1], fullFrameOnly: true }]);
      expect(batched.times.callsByBatch).toEqual({ 8: 1 });
      const alone = [await batched.detect(frames[0]), await batched.detect(frames[1], { fullFrameOnly: true })];
      expect(batched.times.callsByBatch).toEqual({ 1: 1, 7: 1, 8: 1 });
      expect(together.map((boxes) => boxes.length)).toEqual(alone.map((boxes) => boxes.length));
      expect(together[0].length).toBeGreaterThan(0);
      together.flat().forEach((box, i) => {
        const other = alone.flat()[i];
        for (const key of ['x', 'y', 'w', 'h', 'score'] as const) expect(box[key]).toBeCloseTo(other[key], 2);
      });
    } finally {
      await batched.dispose();
    }
  });
});
