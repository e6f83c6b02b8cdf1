/**
 * PyTorch checkpoint files (`torch.save`) in both on-disk formats, read without Python:
 * - zip (PyTorch ≥ 1.6): `<archive>/data.pkl` plus one raw file per storage, `<archive>/data/<key>`;
 * - legacy (2017–2020, e.g. the official HRNet checkpoints): back-to-back pickles — magic number,
 *   protocol version, sys info, the object with persistent storage ids, the sorted storage keys —
 *   then each storage as an 8-byte little-endian element count followed by its raw bytes.
 */
import { DTYPE_BYTES } from './dtypes';
import { CHECKPOINT_GLOBALS, isStorageClass } from './globals';
import { readPickle, type PickleOptions } from './pickle';
import { PickleGlobalRef } from './pickle-stack';
import type { TorchStorage } from './tensor';
import { readZipEntries } from './zip-entries';

/** 0x1950a86a20f9469cfc6c: the first pickle of a legacy checkpoint. */
export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
/** The legacy format version PyTorch has written since 2017. */
const LEGACY_PROTOCOL_VERSION = 1001;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const PICKLE_PROTO = 0x80;

export type CheckpointFormat = 'zip' | 'legacy';

export function sniffCheckpointFormat(bytes: Uint8Array): CheckpointFormat | null {
  if (ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) return 'zip';
  if (bytes[0] === PICKLE_PROTO) return 'legacy';
  return null;
}

/**
 * Turns a persistent id `('storage', torch.FloatStorage, key, location, numel[, view])` into a
 * storage record, shared by every tensor that names the same key.
 */
export function storageLoader(registry: Map<string, TorchStorage>, source: string): (pid: unknown) => TorchStorage {
  return (pid) => {
    if (!Array.isArray(pid) || pid[0] !== 'storage') {
      throw new Error(
        `${source}: unsupported persistent object ${JSON.stringify(Array.isArray(pid) ? pid[0] : pid)} (only tensor storages are allowed).`,
      );
    }
    const [, classRef, rawKey, , numel, view] = pid;
    const storageClass = classRef instanceof PickleGlobalRef ? classRef.handler.value : classRef;
    if (!isStorageClass(storageClass)) throw new Error(`${source}: storage ${String(rawKey)} has no storage class.`);
    if (view !== undefined && view !== null)
      throw new Error(`${source}: storage views (PyTorch < 0.4 checkpoints) are not supported.`);
    const key = String(rawKey);
    let storage = registry.get(key);
    if (!storage) {
      storage = { key, dtype: storageClass.dtype, numel: Number(numel), bytes: null };
      registry.set(key, storage);
    }
    return storage;
  };
}

function pickleOptions(source: string, registry?: Map<string, TorchStorage>): PickleOptions {
  return {
    source,
    globals: CHECKPOINT_GLOBALS,
    persistentLoad: registry ? storageLoader(registry, source) : undefined,
  };
}

/** Inflated bytes allowed beyond the tensors' own (byteorder, version, the odd extra record). */
const METADATA_SLACK_BYTES = 1024 * 1024;

function declaredTensorBytes(registry: Map<string, TorchStorage>): number {
  let total = 0;
  for (const storage of registry.values()) total += storage.numel * DTYPE_BYTES[storage.dtype];
  return total;
}

/**
 * Reads the central directory first (sizes checked there, see zip-entries), then inflates only
 * data.pkl, byteorder and the storages the pickle names, each no larger than its declared size, and
 * all of them together no more than twice what the tensors declare (and the file's own bound).
 */
export function parseZipCheckpoint(bytes: Uint8Array, source: string): unknown {
  const zip = readZipEntries(bytes, source);
  const pklName = zip.names().find((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (!pklName) throw new Error(`${source}: zip file has no <archive>/data.pkl, so it is not a PyTorch checkpoint.`);
  const archive = pklName.slice(0, -'data.pkl'.length);
  const byteorder = zip.read(`${archive}byteorder`);
  if (byteorder && new TextDecoder().decode(byteorder).trim() !== 'little') {
    throw new Error(`${source}: big-endian checkpoints are not supported.`);
  }
  const registry = new Map<string, TorchStorage>();
  const { value } = readPickle(zip.read(pklName)!, 0, pickleOptions(`${source} (${pklName})`, registry));
  zip.limitInflatedBytes(2 * declaredTensorBytes(registry) + METADATA_SLACK_BYTES);
  for (const storage of registry.values()) {
    const name = `${archive}data/${storage.key}`;
    const declared = zip.entries.get(name)?.size;
    if (declared === undefined)
      throw new Error(`${source}: storage ${storage.key} is missing from the archive (${name}).`);
    const needed = storage.numel * DTYPE_BYTES[storage.dtype];
    // Inflating more than the tensors need would only cost memory.
    if (declared > needed) {
      throw new Error(
        `${source}: storage ${storage.key} holds ${declared} bytes but its tensors declare ${needed}; the file is corrupt.`,
      );
    }
    const data = zip.read(name)!;
    if (data.byteLength < needed) {
      throw new Error(
        `${source}: storage ${storage.key} has ${data.byteLength} bytes but ${needed} are declared; the file is truncated or corrupt.`,
      );
    }
    storage.bytes = data;
  }
  return value;
}

export function parseLegacyCheckpoint(bytes: Uint8Array, source: string): unknown {
  const plain = pickleOptions(source);
  const magic = readPickle(bytes, 0, plain);
  if (magic.value !== LEGACY_MAGIC) {
    throw new Error(`${source}: not a PyTorch checkpoint (a pickle, but without the torch.save magic number).`);
  }
  const protocol = readPickle(bytes, magic.end, plain);
  if (protocol.value !== LEGACY_PROTOCOL_VERSION)
    throw new Error(`${source}: unsupported legacy checkpoint version ${String(protocol.value)}.`);
  const sysInfo = readPickle(bytes, protocol.end, plain);
  if (sysInfo.value instanceof Map && sysInfo.value.get('little_endian') === false) {
    throw new Error(`${source}: big-endian checkpoints are not supported.`);
  }
  const registry = new Map<string, TorchStorage>();
  const object = readPickle(bytes, sysInfo.end, pickleOptions(source, registry));
  const keys = readPickle(bytes, object.end, plain);
  if (!Array.isArray(keys.value)) throw new Error(`${source}: the storage key list is missing.`);
  readLegacyStorages(bytes, keys.end, keys.value.map(String), registry, source);
  return object.value;
}

/** Storage section: per key (in the listed order) an int64 element count and the raw elements. */
function readLegacyStorages(
  bytes: Uint8Array,
  start: number,
  keys: string[],
  registry: Map<string, TorchStorage>,
  source: string,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = start;
  for (const key of keys) {
    const storage = registry.get(key);
    if (!storage) throw new Error(`${source}: storage ${key} is listed but no tensor uses it.`);
    if (offset + 8 > bytes.byteLength) {
      throw new Error(
        `${source}: the file is truncated: storage ${key} should start at byte ${offset} but the file has ${bytes.byteLength} bytes.`,
      );
    }
    const count = Number(view.getBigInt64(offset, true));
    const length = count * DTYPE_BYTES[storage.dtype];
    offset += 8;
    if (offset + length > bytes.byteLength) {
      throw new Error(
        `${source}: the file is truncated: storage ${key} needs bytes ${offset}–${offset + length} but the file has ${bytes.byteLength}.`,
      );
    }
    storage.bytes = bytes.subarray(offset, offset + length);
    offset += length;
  }
  for (const storage of registry.values()) {
    if (!storage.bytes)
      throw new Error(`${source}: storage ${storage.key} is used by a tensor but missing from the file.`);
  }
}
