/** Times the calibration network on one device: warm-up runs, then timed runs within a budget. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionDevice } from '../types';
import { median } from '../util/stats';
import { buildCalibrationModel, CALIBRATION_NET, calibrationMacs } from './calibration-network';
import { createSession, defaultThreadCount, onnxRuntimeVersion, type NdArray } from './onnx';

/** GPU providers are fed a batch so the tiny network does not just measure launch latency. */
const GPU_CALIBRATION_BATCH = 8;
const WARMUP_RUNS = 2;
const MIN_TIMED_RUNS = 3;
const MAX_TIMED_RUNS = 20;
/** Timed runs stop once this much time is spent; with session creation the whole stays well under 2 s. */
const TIMING_BUDGET_MS = 400;

export interface SpeedCalibration {
  /** The device asked for ('auto' included). */
  device: ExecutionDevice;
  /** The execution provider the session actually got ('cpu' after a fallback). */
  provider: string;
  ortVersion: string;
  threads: number;
  cpuModel: string;
  /** Achieved multiply-accumulates per second ÷ 1e9, the manifests' "GFLOPs" per second. */
  gflopsPerSecond: number;
  /** Median wall time of one timed run and the number of timed runs. */
  runMs: number;
  runs: number;
  /** Wall time of the whole calibration, session creation included. */
  calibrationMs: number;
  measuredAt: string;
}

export interface SpeedOptions {
  /** Intra-op threads; 0 or undefined: the runtime's default (all available cores). */
  threads?: number;
  /** Folder of the cache file; default `$POSETRAIL_SPEED_DIR`, else the per-user data folder. */
  cacheDir?: string;
  onWarning?: (message: string) => void;
}

export function effectiveThreads(threads: number | undefined): number {
  return threads && threads > 0 ? threads : defaultThreadCount();
}

export function cpuModel(): string {
  return os.cpus()[0]?.model.trim() || `${os.arch()} CPU`;
}

/** Achieved rate in the manifests' GFLOPs per second. */
export function gflopsPerSecond(macsPerRun: number, runMs: number): number {
  if (!(runMs > 0)) throw new Error(`Invalid run time ${runMs} ms: must be positive.`);
  return macsPerRun / 1e9 / (runMs / 1000);
}

/** Times the calibration network on `device` (no cache involved). */
export async function measureDevice(device: ExecutionDevice, opts: SpeedOptions = {}): Promise<SpeedCalibration> {
  const started = performance.now();
  const threads = effectiveThreads(opts.threads);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-speed-'));
  try {
    const file = path.join(dir, 'calibration.onnx');
    await fs.writeFile(file, buildCalibrationModel());
    const session = await createSession(file, { device, threads, onWarning: opts.onWarning });
    try {
      const batch = session.provider === 'cpu' ? 1 : GPU_CALIBRATION_BATCH;
      const { channels, height, width } = CALIBRATION_NET;
      const data = new Float32Array(batch * channels * height * width).fill(0.5);
      const feeds: Record<string, NdArray> = {
        input: { type: 'float32', data, dims: [batch, channels, height, width] },
      };
      for (let i = 0; i < WARMUP_RUNS; i++) await session.run(feeds);
      const times: number[] = [];
      const timingStart = performance.now();
      while (
        times.length < MIN_TIMED_RUNS ||
        (times.length < MAX_TIMED_RUNS && performance.now() - timingStart < TIMING_BUDGET_MS)
      ) {
        const t0 = performance.now();
        await session.run(feeds);
        times.push(performance.now() - t0);
      }
      const runMs = median(times);
      return {
        device,
        provider: session.provider,
        ortVersion: onnxRuntimeVersion(),
        threads,
        cpuModel: cpuModel(),
        gflopsPerSecond: gflopsPerSecond(calibrationMacs() * batch, runMs),
        runMs,
        runs: times.length,
        calibrationMs: performance.now() - started,
        measuredAt: new Date().toISOString(),
      };
    } finally {
      await session.dispose();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
