/**
 * `detect(frame, { fullFrameOnly: true })` with tiling on runs the full-frame view alone: one model
 * image instead of seven on the two-people clip, and the same boxes as a detector without tiles.
 * The call counters (`times`) that the pipeline's per-stage breakdown reads count those images.
 */
import { describe, expect, it } from 'vitest';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { createDetector } from '../../../core/detect';
import { probeVideo, readFrames } from '../../../core/video/index';
import type { Frame } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

async function frame80(): Promise<Frame> {
  const info = await probeVideo(VIDEOS.twoPeople);
  for await (const frame of readFrames(info, { startFrame: 80, endFrame: 81 })) return frame;
  throw new Error('frame 80 missing');
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
