import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { availableDevices } from '../../../core/models/onnx';
import {
  parseProbeOutput,
  probeDevices,
  PROBE_RESULT_PREFIX,
  type ProbeChild,
} from '../../../core/models/device-probe';
import { REPO_ROOT } from '../../helpers/assets';

/** A stand-in child that prints `stdout` and exits with `code`. */
function fakeChild(stdout: string, code: number | null): ProbeChild {
  const events = new EventEmitter();
  const stream = new PassThrough();
  setTimeout(() => {
    stream.end(stdout);
    setTimeout(() => events.emit('exit', code), 5);
  }, 5);
  return { stdout: stream, on: (event, listener) => events.on(event, listener), kill: () => true };
}

describe('device probe output', () => {
  it("prints nothing of the GPU libraries on the caller's terminal", () => {
    const script = `import { usableDevices } from ${JSON.stringify(path.join(REPO_ROOT, 'core/models/device-probe.ts'))};
      console.log(JSON.stringify(await usableDevices()));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.status, run.stderr).toBe(0);
    // On a machine without a GPU adapter, Dawn and the Vulkan loader print these to fd 2.
    expect(run.stderr).not.toMatch(/XDG_RUNTIME_DIR|Vulkan|BackendType|adapter/i);
    expect(run.stderr).toBe('');
    const devices = JSON.parse(run.stdout.trim()) as string[];
    expect(devices[0]).toBe('cpu');
    for (const device of devices) expect(availableDevices()).toContain(device);
  }, 120_000);

  it('counts a crashed, silent or garbled child as "cpu only"', async () => {
    const usable = (stdout: string) => parseProbeOutput(stdout).usable;
    expect(usable('')).toEqual(['cpu']);
    expect(usable(`${PROBE_RESULT_PREFIX}{oops`)).toEqual(['cpu']);
    expect(usable(`${PROBE_RESULT_PREFIX}${JSON.stringify({ usable: ['cpu', 'rm -rf', 42] })}`)).toEqual(['cpu']);
    const listedGpu = availableDevices().find((device) => device !== 'cpu');
    if (listedGpu) {
      expect(usable(`noise\n${PROBE_RESULT_PREFIX}${JSON.stringify({ usable: ['cpu', listedGpu] })}\n`)).toEqual([
        'cpu',
        listedGpu,
      ]);
      expect((await probeDevices(() => fakeChild('', 134))).usable).toEqual(['cpu']);
      expect(
        (await probeDevices(() => fakeChild(`${PROBE_RESULT_PREFIX}{"usable":["cpu","${listedGpu}"]}\n`, 0))).usable,
      ).toEqual(['cpu', listedGpu]);
    }
    expect(
      (
        await probeDevices(() => {
          throw new Error('spawn failed');
        })
      ).usable,
    ).toEqual(['cpu']);
  });

  it('says in its own words which built-in GPU provider did not start', () => {
    const gpus = availableDevices().filter((device) => device !== 'cpu');
    if (!gpus.includes('webgpu')) return;
    const { notes } = parseProbeOutput(`${PROBE_RESULT_PREFIX}{"usable":["cpu"]}\n`);
    expect(notes).toContain(
      'WebGPU is built in but did not start here (no usable GPU adapter or driver); it is not offered.',
    );
    expect(parseProbeOutput('').notes[0]).toMatch(
      /^The GPU check did not finish, so only the CPU is offered \(.*WebGPU.*left out\)\.$/,
    );
  });
});
