/**
 * The device probe's child process (see device-probe.ts): opens a one-convolution model on each
 * GPU provider of this build and prints the ones that really ran it as one JSON line. Whatever
 * the GPU libraries print goes to this process's stderr, which the parent discards.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionDevice } from '../types';
import { PROBE_RESULT_PREFIX } from './device-probe';
import { availableDevices, createSession } from './onnx';
import { buildCalibrationModel, type ConvStack } from './calibration-network';

/** One small convolution: enough for a provider to compile a kernel, cheap to build and load. */
const PROBE_NET: Readonly<ConvStack> = { channels: 4, height: 8, width: 8, layers: 1, kernel: 3 };

async function probeHere(): Promise<ExecutionDevice[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-probe-'));
  try {
    const file = path.join(dir, 'probe.onnx');
    await fs.writeFile(file, buildCalibrationModel(PROBE_NET));
    const usable: ExecutionDevice[] = ['cpu'];
    for (const device of availableDevices().filter((candidate) => candidate !== 'cpu')) {
      const session = await createSession(file, { device, threads: 1, onWarning: () => {} }).catch(() => null);
      if (session?.provider === device) usable.push(device);
      await session?.dispose();
    }
    return usable;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const usable = await probeHere();
process.stdout.write(`${PROBE_RESULT_PREFIX}${JSON.stringify({ usable })}\n`);
process.exit(0);
