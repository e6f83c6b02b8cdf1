import { constants, promises as fs, type Stats } from 'node:fs';

/**
 * Reading only regular files. Opening a FIFO blocks one of libuv's four file threads until a
 * writer appears (four such exports stopped the web host; a queue job waited forever), and a
 * device or socket is no input either. The path is checked with lstat (a symlink is followed
 * once to what it names), then opened non-blocking and checked again on the open handle, so a
 * swap between the two checks cannot slip a FIFO in.
 */

/** ENOTREG: what an Error from here carries in `code`. */
export const NOT_REGULAR_FILE = 'ENOTREG';

function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function notRegular(file: string, stats: Stats): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `${file} is ${describeKind(stats)}, not a regular file; only regular files are read or replaced.`,
  );
  error.code = stats.isDirectory() ? 'EISDIR' : NOT_REGULAR_FILE;
  return error;
}

/** Throws ENOTREG (or EISDIR) unless `file` is a regular file or a symlink to one; ENOENT passes through. */
export async function assertRegularFile(file: string): Promise<Stats> {
  let stats = await fs.lstat(file);
  if (stats.isSymbolicLink()) stats = await fs.stat(file);
  if (!stats.isFile()) throw notRegular(file, stats);
  return stats;
}

/** For outputs: nothing there, or a regular file that may be replaced. */
export async function assertRegularOrMissing(file: string): Promise<void> {
  try {
    await assertRegularFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Opens a regular file for reading without ever blocking on a FIFO. */
export async function openRegularFile(file: string): Promise<fs.FileHandle> {
  await assertRegularFile(file);
  const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(file, stats);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The whole of a regular file. */
export async function readRegularFile(file: string): Promise<Buffer>;
export async function readRegularFile(file: string, encoding: 'utf8'): Promise<string>;
export async function readRegularFile(file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  const handle = await openRegularFile(file);
  try {
    return encoding ? await handle.readFile(encoding) : await handle.readFile();
  } finally {
    await handle.close();
  }
}
