/** The speed calibration cache: one JSON file in the per-user data folder, keyed by device and threads. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EXECUTION_DEVICES } from '../devices';
import type { ExecutionDevice } from '../types';
import { writeFileAtomic } from '../util/fs';
import { userDataDir } from '../settings/paths';
import { onnxRuntimeVersion } from './onnx';
import { cpuModel, effectiveThreads, type SpeedCalibration, type SpeedOptions } from './speed-timing';

/** Overrides the folder of the calibration cache (tests, portable installs). */
export const SPEED_DIR_ENV = 'POSETRAIL_SPEED_DIR';
export const SPEED_CACHE_FILE = 'speed-calibration.json';
const CACHE_FORMAT_VERSION = 1;

const CalibrationSchema = z.object({
  device: z.enum(EXECUTION_DEVICES),
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
const CacheSchema = z.object({
  version: z.literal(CACHE_FORMAT_VERSION),
  entries: z.record(z.string(), CalibrationSchema),
});
type CacheFile = z.infer<typeof CacheSchema>;

export function speedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SPEED_DIR_ENV]?.trim();
  return override ? path.resolve(override) : userDataDir(env);
}

export function cacheFile(opts: SpeedOptions): string {
  return path.join(opts.cacheDir ?? speedCacheDir(), SPEED_CACHE_FILE);
}

/** The cache file's entries; an absent, unreadable or foreign file counts as empty (it is only a cache). */
async function readCache(opts: SpeedOptions): Promise<CacheFile['entries']> {
  const file = cacheFile(opts);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      opts.onWarning?.(`Cannot read the speed calibration ${file}: ${(error as Error).message}; measuring again.`);
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
export async function readCalibration(
  device: ExecutionDevice,
  opts: SpeedOptions = {},
): Promise<SpeedCalibration | null> {
  const threads = effectiveThreads(opts.threads);
  const entry = (await readCache(opts))[calibrationKey(device, threads)];
  if (!entry || entry.ortVersion !== onnxRuntimeVersion() || entry.cpuModel !== cpuModel()) return null;
  return entry;
}

export async function writeCalibration(calibration: SpeedCalibration, opts: SpeedOptions): Promise<void> {
  const entries = await readCache(opts);
  entries[calibrationKey(calibration.device, calibration.threads)] = calibration;
  await writeFileAtomic(
    cacheFile(opts),
    `${JSON.stringify({ version: CACHE_FORMAT_VERSION, entries } satisfies CacheFile, null, 2)}\n`,
  );
}
