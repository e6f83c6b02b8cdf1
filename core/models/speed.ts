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
import type { ExpectedRate } from '../api/pose-api';
import type { ExecutionDevice } from '../types';
import type { ModelManifest } from './manifest';
import { cacheFile, calibrationKey, readCalibration, writeCalibration } from './speed-cache';
import { effectiveThreads, measureDevice, type SpeedCalibration, type SpeedOptions } from './speed-timing';

export type { ExpectedRate, SpeedCalibration, SpeedOptions };
export { readCalibration };

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
export function expectedRate(
  manifest: Pick<ModelManifest, 'task' | 'params'>,
  calibration: Pick<SpeedCalibration, 'gflopsPerSecond' | 'provider'>,
): ExpectedRate | null {
  const gflops = manifest.params?.gflops;
  if (!gflops || !(gflops > 0)) return null;
  return {
    perSecond: calibration.gflopsPerSecond / gflops,
    unit: manifest.task === 'person-detector' ? 'frames' : 'persons',
    device: calibration.provider,
  };
}
