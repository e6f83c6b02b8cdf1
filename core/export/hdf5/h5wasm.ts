import { promises as fs } from 'node:fs';
import path from 'node:path';
import { assertWritableDir, tempPathFor } from '../../util/fs';
import { WriteError } from '../../util/write-errors';
import { openRegularFile } from '../../util/regular-file';
import { readFailure } from '../../util/read-capped';

export type H5Module = typeof import('h5wasm/node');
export type H5File = InstanceType<H5Module['File']>;
export type H5Group = InstanceType<H5Module['Group']>;
export type H5Dataset = InstanceType<H5Module['Dataset']>;

let loading: Promise<H5Module> | undefined;

/**
 * h5wasm (the HDF5 C library compiled to WebAssembly), loaded on first use: only the HDF5 formats
 * need it, and its 4 MB module would otherwise load with every command. Its Node build reads and
 * writes real paths (no in-memory file system to copy through).
 */
export function loadH5wasm(): Promise<H5Module> {
  loading ??= import('h5wasm/node').then(async (h5) => {
    await h5.ready;
    return h5;
  });
  return loading;
}

/**
 * Writes an HDF5 file atomically: `fill` builds it in a temp file beside `target`, which is then
 * renamed over it, so readers never see half a file. Errors name the target.
 */
export async function writeHdf5Atomic(target: string, fill: (file: H5File) => void): Promise<void> {
  const h5 = await loadH5wasm();
  await assertWritableDir(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    const file = new h5.File(temp, 'w');
    try {
      fill(file);
    } finally {
      file.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error instanceof Error && !(error as NodeJS.ErrnoException).code
      ? new Error(`Cannot write ${target}: ${error.message}`)
      : new WriteError(target, error);
  }
}

/**
 * Opens an HDF5 file, reads it with `read` and closes it; every error names the file (the dataset
 * helpers name only the dataset).
 */
export async function readHdf5<T>(file: string, read: (h5: H5File) => T): Promise<T> {
  const h5 = await openHdf5(file);
  try {
    return read(h5);
  } catch (error) {
    const message = (error as Error).message;
    throw message.startsWith(file) ? error : new Error(`${file}: ${message}`);
  } finally {
    h5.close();
  }
}

/** Opens an HDF5 file for reading, with an error naming the file when it is not one. */
export async function openHdf5(file: string): Promise<H5File> {
  const h5 = await loadH5wasm();
  const signature = Buffer.alloc(8);
  // A regular file only: h5wasm's own open would block on a FIFO.
  const handle = await openRegularFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read (${readFailure(error)}).`);
  });
  try {
    await handle.read(signature, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (!signature.equals(HDF5_SIGNATURE)) throw new Error(`${file}: not an HDF5 file (no HDF5 signature at its start).`);
  return new h5.File(file, 'r');
}

/** The 8 bytes every HDF5 file starts with (superblock at offset 0, as every writer here puts it). */
const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
