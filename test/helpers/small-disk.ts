import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small tmpfs for full-disk tests (needs root, as in CI). `mount()` resolves with null and the
 * reason when mounting is not permitted here, so the test can skip saying why.
 */
export interface SmallDisk {
  dir: string;
  /** Fills the disk with a file so that about `freeBytes` remain. */
  leaveFree(freeBytes: number): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountSmallDisk(sizeBytes: number): Promise<{ disk: SmallDisk | null; reason: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    return { disk: null, reason: `cannot mount a tmpfs here (${detail}); full-disk tests need root` };
  }
  const filler = path.join(dir, '.filler');
  return {
    reason: '',
    disk: {
      dir,
      async leaveFree(freeBytes) {
        await fs.rm(filler, { force: true });
        const stats = await fs.statfs(dir);
        const fill = Math.max(0, stats.bavail * stats.bsize - freeBytes);
        await fs.writeFile(filler, Buffer.alloc(fill));
      },
      async unmount() {
        execFileSync('umount', [dir]);
        await fs.rm(dir, { recursive: true, force: true });
      },
    },
  };
}
