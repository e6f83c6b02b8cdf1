import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temp path beside `target`, so the final rename stays on one filesystem. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: data goes to a temp file in the same folder, is flushed, then renamed
 * over the target. Readers see the old file or the new one, never half of one.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await assertWritableDir(path.dirname(target));
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Creates `dir` if needed and fails with a message naming it when it cannot be written. */
export async function assertWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK);
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`Output folder ${dir} is not writable (${cause}).`);
  }
}
