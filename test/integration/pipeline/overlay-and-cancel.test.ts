/**
 * The runner and the overlay on the shared street clip (5 frames, several people), in process:
 * detector-interval runs, cancellation of both, and the overlay's pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runTracking, type TrackRun } from '../../../core/pipeline/runner';
import { renderOverlayVideo } from '../../../core/pipeline/overlay';
import { probeVideo, readFrames } from '../../../core/video';
import { trackColorHex } from '../../../core/render/colors';
import { liveToolPids } from '../../../core/video';
import type { Frame, TrackedPose } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;
const MODELS = { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', reidModel: 'none', device: 'cpu' as const };

let dir: string;
let run: TrackRun;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-overlay-'));
  run = await runTracking(VIDEOS.street, MODELS);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('overlay video', () => {
  it('has one frame per tracked frame, with each track drawn in its colour on its box', async () => {
    const out = path.join(dir, 'street-overlay.mp4');
    const { frames } = await renderOverlayVideo(run.result, out);
    expect(frames).toBe(5);
    const info = await probeVideo(out);
    expect(info).toMatchObject({ frameCount: 5, width: 1280, height: 720, codec: 'h264' });
    // Along the bottom edge of each box of frame 0 (dashed, 3 on 2 off), the overlay carries the
    // track's colour, which the source frame does not have there.
    const firstFrame = async (file: string) => {
      const video = await probeVideo(file);
      for await (const frame of readFrames(video, { endFrame: 1 })) return frame;
      throw new Error(`no frame in ${file}`);
    };
    const drawn = await firstFrame(out);
    const source = await firstFrame(VIDEOS.street);
    const colouredFraction = (frame: Frame, pose: TrackedPose) => {
      const target = [1, 3, 5].map((i) => parseInt(trackColorHex(pose.trackId).slice(i, i + 2), 16));
      const y = Math.min(frame.height - 2, Math.round(pose.box.y + pose.box.h));
      let near = 0;
      let samples = 0;
      for (let x = Math.round(pose.box.x + 4); x < pose.box.x + pose.box.w - 4; x += 1) {
        samples += 1;
        const close = [-1, 0, 1].some((dy) => {
          const o = ((y + dy) * frame.width + x) * 3;
          return target.every((c, k) => Math.abs(frame.rgb[o + k] - c) <= 60);
        });
        if (close) near += 1;
      }
      return near / samples;
    };
    for (const pose of run.result.frames[0].poses.filter((p) => p.box.w > 40)) {
      expect(colouredFraction(drawn, pose)).toBeGreaterThan(0.25);
      expect(colouredFraction(source, pose)).toBeLessThan(0.1);
    }
  });

  it('leaves no file behind when cancelled', async () => {
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled.mp4');
    const rendering = renderOverlayVideo(run.result, out, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    expect((await readdir(dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
  });
});

describe('runTracking', () => {
  it('runs the detector every N frames and still finds the people in between', async () => {
    const sparse = await runTracking(VIDEOS.street, { ...MODELS, detIntervalFrames: 5 });
    const counts = sparse.result.frames.map((f) => f.poses.length);
    expect(counts[0]).toBe(run.result.frames[0].poses.length);
    // Frames 1–4 come from propagation only; a person or two may fade, most remain.
    for (let i = 1; i < 5; i += 1) {
      expect(sparse.result.frames[i].poses.every((p) => p.source === 'propagated')).toBe(true);
      expect(counts[i]).toBeGreaterThanOrEqual(Math.ceil(counts[0] * 0.7));
    }
    expect(sparse.summary.stageMs.detect).toBeLessThan(run.summary.stageMs.detect);
  });

  it('rejects with an AbortError, ends ffmpeg and releases nothing half-done', async () => {
    const controller = new AbortController();
    let frames = 0;
    const running = runTracking(VIDEOS.twoPeople, MODELS, {
      signal: controller.signal,
      onFrames: (batch) => {
        frames += batch.length;
        controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError', message: 'Tracking cancelled.' });
    expect(frames).toBeLessThan(230);
    expect(liveToolPids()).toEqual([]);
  });

  it('names the file when the input is not a video', async () => {
    const bogus = path.join(dir, 'notes.mp4');
    spawnSync('sh', ['-c', `echo hello > '${bogus}'`]);
    await expect(runTracking(bogus, MODELS)).rejects.toThrow(bogus);
  });
});
