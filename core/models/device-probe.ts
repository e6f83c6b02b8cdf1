/**
 * Devices that really work on this machine: cpu, plus each GPU provider of this onnxruntime build
 * that opens a session on a tiny model. A provider can be compiled in and still have no adapter
 * or driver (WebGPU on a headless server), and the app should not offer it. Probed once per
 * process; a provider that falls back to CPU is left out.
 *
 * The probe runs in a child process: GPU libraries print their own warnings straight to file
 * descriptor 2 (`XDG_RUNTIME_DIR is invalid`, Vulkan adapter messages), which no logging setting
 * silences, and a driver that crashes takes only the child down. The child's output is read as
 * data; its stderr never reaches the user's terminal.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExecutionDevice } from '../types';
import { availableDevices } from './onnx';
import { siblingModuleUrl } from '../util/fork-module';

/** A GPU driver that hangs must not hold the device list forever. */
export const DEVICE_PROBE_TIMEOUT_MS = 60_000;
/** What the child prints on stdout before its JSON line, e.g. `{"usable":["cpu","webgpu"]}`. */
export const PROBE_RESULT_PREFIX = 'posetrail-devices ';

/** The child as both `child_process` and Electron's `utilityProcess` give it. */
export interface ProbeChild {
  stdout: NodeJS.ReadableStream | null;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): boolean;
}
export type SpawnProbe = () => ProbeChild;

export interface DeviceProbeResult {
  usable: ExecutionDevice[];
  /** One line per GPU provider of the build that did not start here, in our words. */
  notes: string[];
}

const DEVICE_NAMES: Record<string, string> = { cuda: 'CUDA', webgpu: 'WebGPU', dml: 'DirectML', coreml: 'Core ML' };

let probed: Promise<DeviceProbeResult> | null = null;

function probeOnce(spawnProbe: SpawnProbe): Promise<DeviceProbeResult> {
  probed ??= probeDevices(spawnProbe);
  return probed;
}

export function usableDevices(spawnProbe: SpawnProbe = spawnNodeProbe): Promise<ExecutionDevice[]> {
  return probeOnce(spawnProbe).then((result) => result.usable);
}

/** What the probe found unusable, for a host's start-up log (the same probe as usableDevices). */
export function deviceProbeNotes(spawnProbe: SpawnProbe = spawnNodeProbe): Promise<string[]> {
  return probeOnce(spawnProbe).then((result) => result.notes);
}

/** One probe, not remembered: cpu alone when the build has no GPU provider to try. */
export function probeDevices(spawnProbe: SpawnProbe): Promise<DeviceProbeResult> {
  return availableDevices().some((device) => device !== 'cpu')
    ? probeInChild(spawnProbe)
    : Promise.resolve({ usable: ['cpu'], notes: [] });
}

/** Starts device-probe-child in a plain Node process (through tsx when running from source). */
export function spawnNodeProbe(): ProbeChild {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(siblingModuleUrl('device-probe-child', import.meta.url));
  const loader = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href] : [];
  return spawn(process.execPath, [...loader, entry], { stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Parses the child's stdout; anything unexpected counts as "no GPU device", never as a crash. */
export function parseProbeOutput(stdout: string): DeviceProbeResult {
  const gpus = availableDevices().filter((device) => device !== 'cpu');
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(PROBE_RESULT_PREFIX));
  let usable: ExecutionDevice[] = ['cpu'];
  let answered = false;
  try {
    const parsed = line
      ? (JSON.parse(line.slice(PROBE_RESULT_PREFIX.length)) as { usable?: unknown }).usable
      : undefined;
    if (Array.isArray(parsed)) {
      usable = ['cpu', ...gpus.filter((device) => parsed.includes(device))];
      answered = true;
    }
  } catch {
    // A garbled answer is no answer.
  }
  const missing = gpus.filter((device) => !usable.includes(device));
  const notes = answered
    ? missing.map(
        (device) =>
          `${DEVICE_NAMES[device] ?? device} is built in but did not start here (no usable GPU adapter or driver); it is not offered.`,
      )
    : missing.length > 0
      ? [
          `The GPU check did not finish, so only the CPU is offered (${missing.map((device) => DEVICE_NAMES[device] ?? device).join(', ')} left out).`,
        ]
      : [];
  return { usable, notes };
}

function probeInChild(spawnProbe: SpawnProbe): Promise<DeviceProbeResult> {
  return new Promise((resolve) => {
    let child: ProbeChild;
    try {
      child = spawnProbe();
    } catch {
      resolve(parseProbeOutput(''));
      return;
    }
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill(), DEVICE_PROBE_TIMEOUT_MS);
    timer.unref?.();
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(parseProbeOutput(stdout));
    });
  });
}
