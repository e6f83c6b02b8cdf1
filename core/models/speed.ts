/**
 * Per-device speed estimates: how many frames/s a detector or persons/s a pose model should reach
 * on this machine, before the model is downloaded.
 *
 * The machine is calibrated once per device and ONNX Runtime version: a small convolutional
 * network whose multiply-accumulates are known exactly is written with the converter's ONNX
 * writer, timed through `createSession`, and the achieved rate is cached as JSON in the per-user
 * data folder. A model's expected rate is then that rate divided by its published GFLOPs.
 *
 * Units: model papers (HRNet, YOLOX, RTMDet) report multiply-accumulates as "GFLOPs", and the
 * manifests keep their numbers, so the calibration counts one multiply-add as one "FLOP" too; the
 * ratio is what matters and both sides use the same convention.
 *
 * The calibration network is made of dense 3×3 convolutions, the bulk of HRNet's work, so the
 * estimate is closest for dense models. Depthwise-heavy nano models keep the cores less busy per
 * multiply-add and usually run below their estimate; the UI says so beside the figures.
 */
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ExpectedRate } from '../api/pose-api';
import type { ExecutionDevice } from '../types';
import { writeOnnxModel, type OnnxInitializer, type OnnxNode } from '../convert/onnx-writer';
import { seededRandom } from '../util/random';
import { writeFileAtomic } from '../util/fs';
import { userDataDir } from '../settings/paths';
import type { ModelManifest } from './manifest';
import { createSession, defaultThreadCount, type NdArray } from './onnx';

/** Overrides the folder of the calibration cache (tests, portable installs). */
export const SPEED_DIR_ENV = 'POSETRAIL_SPEED_DIR';
export const SPEED_CACHE_FILE = 'speed-calibration.json';
const CACHE_FORMAT_VERSION = 1;

/** A stack of same-size convolutions (+ReLU): `layers` k×k convs, channels → channels, on height×width. */
export interface ConvStack {
  channels: number;
  height: number;
  width: number;
  layers: number;
  kernel: number;
}

/** The calibration network: 4 dense 3×3 convolutions of 64 channels at 56×56. */
export const CALIBRATION_NET: Readonly<ConvStack> = { channels: 64, height: 56, width: 56, layers: 4, kernel: 3 };
/** GPU providers are fed a batch so the tiny network does not just measure launch latency. */
const GPU_CALIBRATION_BATCH = 8;
const WARMUP_RUNS = 2;
const MIN_TIMED_RUNS = 3;
const MAX_TIMED_RUNS = 20;
/** Timed runs stop once this much time is spent; with session creation the whole stays well under 2 s. */
const TIMING_BUDGET_MS = 400;
const WEIGHT_SEED = 7;

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

const CalibrationSchema = z.object({
  device: z.enum(['auto', 'cpu', 'cuda', 'webgpu', 'dml', 'coreml']),
  provider: z.string(),
  ortVersion: z.string(),
  threads: z.number().int().positive(),
  cpuModel: z.string(),
  gflopsPerSecond: z.number().positive().finite(),
  runMs: z.number().nonnegative(),
  runs: z.number().int().positive(),
  calibrationMs: z.number().nonnegative(),
  measuredAt: z.string(),
});
const CacheSchema = z.object({ version: z.literal(CACHE_FORMAT_VERSION), entries: z.record(z.string(), CalibrationSchema) });
type CacheFile = z.infer<typeof CacheSchema>;

export interface SpeedOptions {
  /** Intra-op threads; 0 or undefined: the runtime's default (all available cores). */
  threads?: number;
  /** Folder of the cache file; default `$POSETRAIL_SPEED_DIR`, else the per-user data folder. */
  cacheDir?: string;
  onWarning?: (message: string) => void;
}

export type { ExpectedRate };

export function speedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SPEED_DIR_ENV]?.trim();
  return override ? path.resolve(override) : userDataDir(env);
}

/** Version of the onnxruntime-node package: a new runtime can be faster, so it invalidates the cache. */
export function onnxRuntimeVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('onnxruntime-node/package.json') as { version: string }).version;
}

function effectiveThreads(threads: number | undefined): number {
  return threads && threads > 0 ? threads : defaultThreadCount();
}

function cpuModel(): string {
  return os.cpus()[0]?.model.trim() || `${os.arch()} CPU`;
}

/** Exact multiply-accumulates of one calibration image: layers × C_out × C_in × k² × H × W. */
export function calibrationMacs(net: Readonly<ConvStack> = CALIBRATION_NET): number {
  return net.layers * net.channels * net.channels * net.kernel * net.kernel * net.height * net.width;
}

/** The calibration model as ONNX bytes: seeded weights of scale 1/√fan_in keep activations finite. */
export function buildCalibrationModel(net: Readonly<ConvStack> = CALIBRATION_NET): Uint8Array {
  const random = seededRandom(WEIGHT_SEED);
  const { channels: c, kernel: k } = net;
  const bound = Math.sqrt(3 / (c * k * k));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let current = 'input';
  for (let layer = 0; layer < net.layers; layer++) {
    const weight = Float32Array.from({ length: c * c * k * k }, () => (2 * random() - 1) * bound);
    initializers.push({ name: `conv${layer}.weight`, type: 'float32', dims: [c, c, k, k], data: weight });
    initializers.push({ name: `conv${layer}.bias`, type: 'float32', dims: [c], data: new Float32Array(c) });
    const pad = (k - 1) / 2;
    const attributes = { kernel_shape: { ints: [k, k] }, pads: { ints: [pad, pad, pad, pad] }, strides: { ints: [1, 1] } };
    nodes.push({ opType: 'Conv', inputs: [current, `conv${layer}.weight`, `conv${layer}.bias`], outputs: [`conv${layer}`], attributes });
    nodes.push({ opType: 'Relu', inputs: [`conv${layer}`], outputs: [`relu${layer}`] });
    current = `relu${layer}`;
  }
  const shape = ['N', c, net.height, net.width];
  return writeOnnxModel({
    name: 'posetrail-speed-calibration',
    inputs: [{ name: 'input', type: 'float32', shape }],
    outputs: [{ name: current, type: 'float32', shape }],
    nodes,
    initializers,
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
      const feeds: Record<string, NdArray> = { input: { type: 'float32', data, dims: [batch, channels, height, width] } };
      for (let i = 0; i < WARMUP_RUNS; i++) await session.run(feeds);
      const times: number[] = [];
      const timingStart = performance.now();
      while (times.length < MIN_TIMED_RUNS || (times.length < MAX_TIMED_RUNS && performance.now() - timingStart < TIMING_BUDGET_MS)) {
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

function cacheFile(opts: SpeedOptions): string {
  return path.join(opts.cacheDir ?? speedCacheDir(), SPEED_CACHE_FILE);
}

/** The cache file's entries; an absent, unreadable or foreign file counts as empty (it is only a cache). */
async function readCache(opts: SpeedOptions): Promise<CacheFile['entries']> {
  const file = cacheFile(opts);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') opts.onWarning?.(`Cannot read the speed calibration ${file}: ${(error as Error).message}; measuring again.`);
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    opts.onWarning?.(`The speed calibration ${file} is not valid JSON; measuring again.`);
    return {};
  }
  const parsed = CacheSchema.safeParse(json);
  if (!parsed.success) {
    opts.onWarning?.(`The speed calibration ${file} has an unknown layout; measuring again.`);
    return {};
  }
  return parsed.data.entries;
}

/** A cached calibration is valid for the same device, thread count, CPU and runtime version. */
export function calibrationKey(device: ExecutionDevice, threads: number): string {
  return `${device}/threads=${threads}`;
}

/** The cached calibration of `device`, or null when there is none for this runtime, CPU and thread count. */
export async function readCalibration(device: ExecutionDevice, opts: SpeedOptions = {}): Promise<SpeedCalibration | null> {
  const threads = effectiveThreads(opts.threads);
  const entry = (await readCache(opts))[calibrationKey(device, threads)];
  if (!entry || entry.ortVersion !== onnxRuntimeVersion() || entry.cpuModel !== cpuModel()) return null;
  return entry;
}

async function writeCalibration(calibration: SpeedCalibration, opts: SpeedOptions): Promise<void> {
  const entries = await readCache(opts);
  entries[calibrationKey(calibration.device, calibration.threads)] = calibration;
  await writeFileAtomic(cacheFile(opts), `${JSON.stringify({ version: CACHE_FORMAT_VERSION, entries } satisfies CacheFile, null, 2)}\n`);
}

/** One calibration at a time per key: two at once would share the cores and both read low. */
const inFlight = new Map<string, Promise<SpeedCalibration>>();

/** Measures `device` now and caches the result (a failed write is a warning: the numbers still serve). */
export async function calibrateDevice(device: ExecutionDevice, opts: SpeedOptions = {}): Promise<SpeedCalibration> {
  const key = `${cacheFile(opts)}#${calibrationKey(device, effectiveThreads(opts.threads))}`;
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    const calibration = await measureDevice(device, opts);
    await writeCalibration(calibration, opts).catch((error: Error) =>
      opts.onWarning?.(`Could not save the speed calibration to ${cacheFile(opts)}: ${error.message}`),
    );
    return calibration;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

/** The cached calibration, measuring first when there is none. */
export async function ensureCalibration(device: ExecutionDevice, opts: SpeedOptions = {}): Promise<SpeedCalibration> {
  return (await readCalibration(device, opts)) ?? calibrateDevice(device, opts);
}

/** Frames/s (detectors) or persons/s (top-down pose models) `manifest` should reach; null without its GFLOPs. */
export function expectedRate(manifest: Pick<ModelManifest, 'task' | 'params'>, calibration: Pick<SpeedCalibration, 'gflopsPerSecond' | 'provider'>): ExpectedRate | null {
  const gflops = manifest.params?.gflops;
  if (!gflops || !(gflops > 0)) return null;
  return {
    perSecond: calibration.gflopsPerSecond / gflops,
    unit: manifest.task === 'person-detector' ? 'frames' : 'persons',
    device: calibration.provider,
  };
}
