import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onnxModelType } from '../../../core/convert/onnx-proto';
import { defaultThreadCount, onnxRuntimeVersion } from '../../../core/models/onnx';
import { getManifest } from '../../../core/models/registry';
import { buildCalibrationModel, CALIBRATION_NET, calibrationMacs } from '../../../core/models/calibration-network';
import { expectedRate } from '../../../core/models/speed';
import {
  calibrationKey,
  readCalibration,
  SPEED_CACHE_FILE,
  SPEED_DIR_ENV,
  speedCacheDir,
} from '../../../core/models/speed-cache';
import { gflopsPerSecond, type SpeedCalibration } from '../../../core/models/speed-timing';
import { median } from '../../../core/util/stats';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-speed-unit-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const CPU_MODEL = os.cpus()[0]?.model.trim() || `${os.arch()} CPU`;

function calibration(overrides: Partial<SpeedCalibration> = {}): SpeedCalibration {
  return {
    device: 'cpu',
    provider: 'cpu',
    ortVersion: onnxRuntimeVersion(),
    threads: defaultThreadCount(),
    cpuModel: CPU_MODEL,
    gflopsPerSecond: 73,
    runMs: 6.3,
    runs: 20,
    calibrationMs: 310,
    measuredAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

async function writeCache(cacheDir: string, entries: Record<string, unknown>, version = 1): Promise<void> {
  await fs.mkdir(cacheDir, { recursive: true });
  await fs.writeFile(path.join(cacheDir, SPEED_CACHE_FILE), JSON.stringify({ version, entries }));
}

describe('calibration arithmetic', () => {
  it('counts the calibration network exactly: 4 × 64·64·3·3 × 56·56 multiply-adds', () => {
    expect(calibrationMacs()).toBe(462_422_016);
  });

  it('writes a network whose convolutions add up to the counted multiply-adds', () => {
    const model = onnxModelType().decode(buildCalibrationModel()) as unknown as {
      graph: { node: { opType: string; input: string[] }[]; initializer: { name: string; dims: unknown[] }[] };
    };
    const dims = new Map(model.graph.initializer.map((t) => [t.name, t.dims.map(Number)]));
    const convs = model.graph.node.filter((n) => n.opType === 'Conv');
    expect(convs).toHaveLength(CALIBRATION_NET.layers);
    // Stride 1 with "same" padding: every output has H×W pixels.
    const macs = convs.reduce(
      (sum, n) =>
        sum + dims.get(n.input[1])!.reduce((a, b) => a * b, 1) * CALIBRATION_NET.height * CALIBRATION_NET.width,
      0,
    );
    expect(macs).toBe(calibrationMacs());
  });

  it('turns a run time into GFLOP/s and rejects a zero time', () => {
    expect(gflopsPerSecond(462_422_016, 4)).toBeCloseTo(115.6055, 4);
    expect(gflopsPerSecond(2e9, 1000)).toBe(2);
    expect(() => gflopsPerSecond(1e9, 0)).toThrow('Invalid run time 0 ms: must be positive.');
  });

  it('takes the median of odd and even counts without reordering the input', () => {
    const times = [9, 1, 5];
    expect(median(times)).toBe(5);
    expect(times).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('expectedRate', () => {
  const cal = { gflopsPerSecond: 73, provider: 'cpu' };

  it('gives persons/s for pose models: calibrated GFLOP/s ÷ the model GFLOPs', () => {
    const rate = expectedRate(getManifest('hrnet-w48-coco-384x288'), cal)!;
    expect(rate.unit).toBe('persons');
    expect(rate.perSecond).toBeCloseTo(73 / 32.9, 6);
    expect(rate.device).toBe('cpu');
    expect(expectedRate(getManifest('hrnet-w32-coco-256x192'), cal)!.perSecond).toBeCloseTo(73 / 7.1, 6);
  });

  it('gives frames/s for detectors, on the provider the calibration ran on', () => {
    const rate = expectedRate(getManifest('yolox-nano'), { gflopsPerSecond: 54, provider: 'webgpu' })!;
    expect(rate).toMatchObject({ unit: 'frames', device: 'webgpu' });
    expect(rate.perSecond).toBeCloseTo(50, 9);
  });

  it('is null for a model without GFLOPs', () => {
    expect(expectedRate({ task: 'person-detector', params: { millions: 1 } }, cal)).toBeNull();
    expect(expectedRate({ task: 'person-detector', params: undefined }, cal)).toBeNull();
  });

  it('every shipped manifest states its GFLOPs and parameter count', async () => {
    const { listManifests } = await import('../../../core/models/registry');
    for (const m of listManifests()) {
      expect(m.params?.gflops, m.id).toBeGreaterThan(0);
      expect(m.params?.millions, m.id).toBeGreaterThan(0);
    }
  });
});

describe('calibration cache', () => {
  it('lives in $POSETRAIL_SPEED_DIR when set, else in the per-user data folder', () => {
    expect(speedCacheDir({ [SPEED_DIR_ENV]: '/tmp/x' })).toBe(path.resolve('/tmp/x'));
    expect(speedCacheDir({ POSETRAIL_DATA_DIR: '/tmp/data' })).toBe('/tmp/data');
  });

  it('returns the cached entry for the same device and thread count', async () => {
    const cacheDir = path.join(dir, 'hit');
    const entry = calibration();
    await writeCache(cacheDir, { [calibrationKey('cpu', entry.threads)]: entry });
    expect(await readCalibration('cpu', { cacheDir })).toEqual(entry);
    expect(await readCalibration('webgpu', { cacheDir })).toBeNull();
    expect(await readCalibration('cpu', { cacheDir, threads: entry.threads + 1 })).toBeNull();
  });

  it('ignores an entry from another ONNX Runtime version or another CPU', async () => {
    const cacheDir = path.join(dir, 'stale');
    await writeCache(cacheDir, { [calibrationKey('cpu', defaultThreadCount())]: calibration({ ortVersion: '0.0.1' }) });
    expect(await readCalibration('cpu', { cacheDir })).toBeNull();
    await writeCache(cacheDir, {
      [calibrationKey('cpu', defaultThreadCount())]: calibration({ cpuModel: 'Some Other CPU' }),
    });
    expect(await readCalibration('cpu', { cacheDir })).toBeNull();
  });

  it('treats a corrupt or foreign file as no calibration, with a warning naming the file', async () => {
    const cacheDir = path.join(dir, 'corrupt');
    const file = path.join(cacheDir, SPEED_CACHE_FILE);
    const warnings: string[] = [];
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(file, '{"version": 1, "entr');
    expect(await readCalibration('cpu', { cacheDir, onWarning: (m) => warnings.push(m) })).toBeNull();
    await writeCache(cacheDir, { cpu: calibration({ gflopsPerSecond: -1 }) });
    expect(await readCalibration('cpu', { cacheDir, onWarning: (m) => warnings.push(m) })).toBeNull();
    expect(warnings).toEqual([
      `The speed calibration ${file} is not valid JSON; measuring again.`,
      `The speed calibration ${file} has an unknown layout; measuring again.`,
    ]);
  });

  it('is silent when no calibration was ever made', async () => {
    const warnings: string[] = [];
    expect(
      await readCalibration('cpu', { cacheDir: path.join(dir, 'never'), onWarning: (m) => warnings.push(m) }),
    ).toBeNull();
    expect(warnings).toEqual([]);
  });
});
