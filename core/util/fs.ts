import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { WriteError, writeCause } from './write-errors';
import { assertRegularOrMissing } from './regular-file';

/** A temp path beside `target`, so the final rename stays on one filesystem. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: data goes to a temp file in the same folder, is flushed, then renamed
 * over the target. Readers see the old file or the new one, never half of one. Failures name the
 * target and say the cause in words (WriteError).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await assertWritableDir(path.dirname(target));
  // Renaming over a FIFO or a device would replace something that is no file of ours.
  await assertRegularOrMissing(target).catch((error: unknown) => {
    throw new WriteError(target, error);
  });
  const temp = tempPathFor(target);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'w');
  } catch (error) {
    throw new WriteError(target, error);
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(temp, { force: true });
    throw new WriteError(target, error);
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new WriteError(target, error);
  }
}

/** Creates `dir` if needed and fails with a message naming it when it cannot be written. */
export async function assertWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK);
  } catch (error) {
    throw new Error(`Output folder ${dir} is not writable: ${writeCause(error)}.`);
  }
}
