import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '../../../core/models/onnx';
import { listModelEntries } from '../../../core/models/store';
import { calibrateDevice } from '../../../core/models/speed';
import { readCalibration, SPEED_CACHE_FILE } from '../../../core/models/speed-cache';
import type { SpeedCalibration } from '../../../core/models/speed-timing';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

const CALIBRATION_LIMIT_MS = 2000;
const YOLOX_NANO_GFLOPS = 1.08;
const TIMED_RUNS = 10;

let cacheDir: string;
let calibration: SpeedCalibration;

beforeAll(async () => {
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-speed-'));
  calibration = await calibrateDevice('cpu', { cacheDir });
});
afterAll(async () => {
  await fs.rm(cacheDir, { recursive: true, force: true });
});

describe('speed calibration on this machine', () => {
  it('measures a finite, positive rate on CPU within the time budget', () => {
    expect(calibration.provider).toBe('cpu');
    expect(Number.isFinite(calibration.gflopsPerSecond)).toBe(true);
    expect(calibration.gflopsPerSecond).toBeGreaterThan(0);
    expect(calibration.runs).toBeGreaterThanOrEqual(3);
    expect(calibration.calibrationMs).toBeLessThan(CALIBRATION_LIMIT_MS);
  });

  it('caches the result so the next read does not measure again', async () => {
    expect(existsSync(path.join(cacheDir, SPEED_CACHE_FILE))).toBe(true);
    expect(await readCalibration('cpu', { cacheDir })).toEqual(calibration);
    const entries = await listModelEntries({ speed: { device: 'cpu', cacheDir } });
    const hrnet = entries.find((e) => e.id === 'hrnet-w48-coco-384x288')!;
    expect(hrnet.expectedRate).toEqual({
      perSecond: calibration.gflopsPerSecond / 32.9,
      unit: 'persons',
      device: 'cpu',
    });
    expect(hrnet).toMatchObject({ downloadSizeBytes: null, paramsMillions: 63.6, gflops: 32.9 });
    expect(entries.find((e) => e.id === 'yolox-nano')).toMatchObject({
      downloadSizeBytes: 3659407,
      expectedRate: { unit: 'frames', device: 'cpu' },
    });
  });

  it('lists no speed for a device that was never measured, and measures it when asked', async () => {
    const otherDir = path.join(cacheDir, 'other');
    expect(
      (await listModelEntries({ speed: { device: 'cpu', cacheDir: otherDir } })).every((e) => e.expectedRate === null),
    ).toBe(true);
    const measured = await listModelEntries({ speed: { device: 'cpu', cacheDir: otherDir, calibrate: 'if-missing' } });
    expect(measured.find((e) => e.id === 'simplepose-nano')!.expectedRate!.perSecond).toBeGreaterThan(0);
    expect(await readCalibration('cpu', { cacheDir: otherDir })).not.toBeNull();
  });

  it('predicts the frames/s of YOLOX-Nano within a factor of 3 of the rate measured on the real model', async () => {
    const session = await createSession(path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx'), { device: 'cpu' });
    try {
      const feeds = {
        images: { type: 'float32' as const, data: new Float32Array(3 * 416 * 416).fill(114), dims: [1, 3, 416, 416] },
      };
      await session.run(feeds);
      const started = performance.now();
      for (let i = 0; i < TIMED_RUNS; i++) await session.run(feeds);
      const measuredFps = TIMED_RUNS / ((performance.now() - started) / 1000);
      const estimatedFps = calibration.gflopsPerSecond / YOLOX_NANO_GFLOPS;
      expect(estimatedFps / measuredFps).toBeGreaterThan(1 / 3);
      expect(estimatedFps / measuredFps).toBeLessThan(3);
    } finally {
      await session.dispose();
    }
  });
});
