/**
 * Devices that really work on this machine: cpu, plus each GPU provider of this onnxruntime build
 * that opens a session on a tiny model. A provider can be compiled in and still have no adapter
 * or driver (WebGPU on a headless server), and the app should not offer it. Probed once per
 * process; a provider that falls back to CPU is left out.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionDevice } from '../types';
import { availableDevices, createSession } from './onnx';
import { buildCalibrationModel, type ConvStack } from './calibration-network';

/** One small convolution: enough for a provider to compile a kernel, cheap to build and load. */
const PROBE_NET: Readonly<ConvStack> = { channels: 4, height: 8, width: 8, layers: 1, kernel: 3 };

let probed: Promise<ExecutionDevice[]> | null = null;

export function usableDevices(): Promise<ExecutionDevice[]> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<ExecutionDevice[]> {
  const candidates = availableDevices().filter((device) => device !== 'cpu');
  if (candidates.length === 0) return ['cpu'];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-probe-'));
  try {
    const file = path.join(dir, 'probe.onnx');
    await fs.writeFile(file, buildCalibrationModel(PROBE_NET));
    const usable: ExecutionDevice[] = ['cpu'];
    for (const device of candidates) {
      const session = await createSession(file, { device, threads: 1, onWarning: () => {} }).catch(() => null);
      if (session?.provider === device) usable.push(device);
      await session?.dispose();
    }
    return usable;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
