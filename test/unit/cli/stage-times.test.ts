import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childProcessesCpuMs } from '../../../hosts/cli/stage-times';

describe.runIf(process.platform === 'linux')('childProcessesCpuMs', () => {
  it('counts the CPU time of a child process once it has been waited for', () => {
    const before = childProcessesCpuMs()!;
    // A child that keeps one core busy for 300 ms.
    const burn = 'const end = process.cpuUsage().user + 300000; while (process.cpuUsage().user < end);';
    spawnSync(process.execPath, ['-e', burn]);
    const after = childProcessesCpuMs()!;
    expect(after - before).toBeGreaterThanOrEqual(250);
    expect(after - before).toBeLessThan(5000);
  });
});
