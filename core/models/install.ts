/**
 * Getting a model file into the store: download (resumable, checksummed), import of a local file,
 * and conversion of PyTorch checkpoints to ONNX. Every path ends the same way: the file is checked
 * (checksum, then input/output shapes against the manifest) and only then renamed into the store.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Progress } from '../types';
import { tempPathFor, assertWritableDir } from '../util/fs';
import { checksumProblem, sha256File } from './checksum';
import { downloadToPartial } from './download';
import { downloadSource } from './download-source';
import { withFileLock } from './lock';
import type { ModelManifest } from './manifest';
import { createSession } from './onnx';
import { modelStoreDir } from './paths';
import { getManifest } from './registry';
import { signatureProblems } from './signature';
import { readStoreIndex, writeStoreRecord } from './store-index';

export interface InstallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Folder inside the store for partial downloads and in-flight conversions. */
export const DOWNLOADS_SUBDIR = '.downloads';

function manifestOf(idOrManifest: string | ModelManifest): ModelManifest {
  return typeof idOrManifest === 'string' ? getManifest(idOrManifest) : idOrManifest;
}

/** Opens `file` on CPU and lists how its inputs/outputs differ from the manifest. */
export async function inspectModelFile(manifest: ModelManifest, file: string): Promise<string[]> {
  const session = await createSession(file, { device: 'cpu', threads: 1 });
  try {
    return signatureProblems(manifest, session);
  } finally {
    await session.dispose();
  }
}

/** `failure` starts the error sentence, e.g. "Cannot import /x.onnx as simplepose-nano". */
async function assertFileFitsManifest(manifest: ModelManifest, file: string, failure: string): Promise<void> {
  let problems: string[];
  try {
    problems = await inspectModelFile(manifest, file);
  } catch (error) {
    const detail = (error as Error).message.replace(/^Cannot load model file [^:]+: /, '');
    throw new Error(`${failure}: it is not a loadable ONNX model (${detail})`);
  }
  if (problems.length > 0)
    throw new Error(`${failure}: the file does not match the ${manifest.id} manifest: ${problems.join('; ')}.`);
}

/** The reference checksum of `manifest`'s ONNX file: the manifest's own, else the one recorded at first install. */
async function expectedOnnxChecksum(manifest: ModelManifest, storeDir: string) {
  if (manifest.source.format === 'onnx' && (manifest.source.sha256 || manifest.source.sizeBytes)) {
    return { sha256: manifest.source.sha256, sizeBytes: manifest.source.sizeBytes };
  }
  const record = (await readStoreIndex(storeDir))[manifest.id];
  return manifest.source.format === 'onnx' && record ? { sha256: record.sha256, sizeBytes: record.sizeBytes } : {};
}

/**
 * Converts a verified checkpoint into the store with core/convert (which checks the result against
 * the manifest and records it). Loaded on first use: only checkpoint models need the converter.
 */
async function convertIntoStore(
  manifest: ModelManifest,
  checkpointPath: string,
  onProgress?: (p: Progress) => void,
): Promise<string> {
  const { convertIntoModelStore } = await import('./convert-into-store');
  return convertIntoModelStore(checkpointPath, manifest, { onProgress });
}

/** Checks a complete ONNX file in `temp` (inside the store) and renames it into place. */
async function commitOnnx(
  manifest: ModelManifest,
  temp: string,
  sha256: string,
  sizeBytes: number,
  origin: 'download' | 'import',
  storeDir: string,
  failure: string,
): Promise<string> {
  await assertFileFitsManifest(manifest, temp, failure);
  const dest = path.join(storeDir, manifest.file);
  await fs.rename(temp, dest);
  await writeStoreRecord(storeDir, manifest.id, { file: manifest.file, sha256, sizeBytes, origin });
  return dest;
}

export { downloadUrl, MODEL_MIRROR_ENV } from './download-source';

/**
 * Downloads a model into the store and returns its path. A partial file from an earlier attempt
 * is resumed; a finished download whose size or checksum is wrong is deleted and reported.
 */
export async function downloadModel(idOrManifest: string | ModelManifest, opts: InstallOptions = {}): Promise<string> {
  const manifest = manifestOf(idOrManifest);
  const { format, sizeBytes } = manifest.source;
  if (!manifest.source.url || manifest.source.localImportOnly) {
    throw new Error(
      `Model ${manifest.id} cannot be downloaded (its publisher offers no stable URL); import a copy with \`posetrail models import <file> --as ${manifest.id}\`.`,
    );
  }
  const { url, httpsOnly } = downloadSource(manifest);
  const storeDir = modelStoreDir();
  const downloadsDir = path.join(storeDir, DOWNLOADS_SUBDIR);
  await assertWritableDir(downloadsDir);
  const partPath = path.join(downloadsDir, `${path.basename(new URL(url).pathname) || manifest.file}.part`);
  return withFileLock(`${partPath}.lock`, `A download of ${manifest.id}`, async () => {
    if (sizeBytes !== undefined && (await fs.stat(partPath).catch(() => null))?.size! > sizeBytes)
      await fs.rm(partPath, { force: true });
    const result = await downloadToPartial(url, partPath, {
      label: manifest.id,
      onProgress: opts.onProgress,
      signal: opts.signal,
      httpsOnly,
    });
    const expected =
      format === 'onnx'
        ? await expectedOnnxChecksum(manifest, storeDir)
        : { sha256: manifest.source.sha256, sha256Prefix: manifest.source.sha256Prefix, sizeBytes };
    const problem = checksumProblem({ ...expected, sha256Prefix: manifest.source.sha256Prefix }, result);
    if (problem) {
      await fs.rm(partPath, { force: true });
      throw new Error(
        `The download of ${manifest.id} from ${url} is corrupt (${problem}); it was deleted. Try again; if it keeps failing the file on the server has changed.`,
      );
    }
    if (format === 'pytorch-checkpoint') {
      const dest = await convertIntoStore(manifest, partPath, opts.onProgress);
      await fs.rm(partPath, { force: true });
      return dest;
    }
    try {
      return await commitOnnx(
        manifest,
        partPath,
        result.sha256,
        result.sizeBytes,
        'download',
        storeDir,
        `The download of ${manifest.id} from ${url} cannot be used`,
      );
    } catch (error) {
      await fs.rm(partPath, { force: true });
      throw error;
    }
  });
}

/** Checkpoints are pickles or zips; anything named .onnx (or starting like protobuf) is taken as ONNX. */
function looksLikeCheckpoint(file: string): boolean {
  return /\.(pth|pt|ckpt|bin|safetensors)$/i.test(file);
}

/**
 * Copies a local file into the store as model `id`, with the same checks as a download. A
 * checkpoint file for a checkpoint-sourced model is verified against the SHA-256 prefix and converted.
 */
export async function importModel(file: string, id: string, opts: InstallOptions = {}): Promise<string> {
  const manifest = getManifest(id);
  const source = path.resolve(file);
  const stat = await fs.stat(source).catch(() => null);
  if (!stat?.isFile()) throw new Error(`Cannot import ${source}: no such file.`);
  const storeDir = modelStoreDir();
  await assertWritableDir(storeDir);
  const sha256 = await sha256File(source);
  const actual = { sha256, sizeBytes: stat.size };
  if (manifest.source.format === 'pytorch-checkpoint' && looksLikeCheckpoint(source)) {
    const problem = checksumProblem(
      { sha256Prefix: manifest.source.sha256Prefix, sha256: manifest.source.sha256 },
      actual,
    );
    if (problem)
      throw new Error(
        `Cannot import ${source} as ${id}: ${problem} (not the published checkpoint ${path.basename(manifest.source.url ?? '')}).`,
      );
    return convertIntoStore(manifest, source, opts.onProgress);
  }
  if (manifest.source.format === 'onnx') {
    const problem = checksumProblem({ sha256: manifest.source.sha256, sizeBytes: manifest.source.sizeBytes }, actual);
    if (problem) throw new Error(`Cannot import ${source} as ${id}: ${problem}.`);
  }
  const dest = path.join(storeDir, manifest.file);
  const temp = tempPathFor(dest);
  try {
    await fs.copyFile(source, temp);
    return await commitOnnx(manifest, temp, sha256, stat.size, 'import', storeDir, `Cannot import ${source} as ${id}`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
