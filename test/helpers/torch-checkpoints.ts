/**
 * PyTorch checkpoints put back together at test time so that no weights are committed: torch's
 * own pickles (written by a fixture script, storage sections left out) with every storage filled
 * by the script's weight formula.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { storageLoader } from '../../core/convert/torch/checkpoint';
import { DTYPE_BYTES } from '../../core/convert/torch/dtypes';
import { CHECKPOINT_GLOBALS } from '../../core/convert/torch/globals';
import { extractStateDict } from '../../core/convert/torch/load';
import { readPickle } from '../../core/convert/torch/pickle';
import type { TorchStorage, TorchTensor } from '../../core/convert/torch/tensor';
import { floatToHalfBits } from '../../core/convert/float16';

/** A state-dict entry's values, row-major, from its key as stored and its shape. */
export type WeightValues = (key: string, shape: readonly number[]) => number[];

/** Writes each tensor's values into its storage at the positions its offset and strides give. */
function fillStorages(
  object: unknown,
  storages: Map<string, TorchStorage>,
  source: string,
  valuesOf: WeightValues,
): void {
  for (const storage of storages.values()) storage.bytes = new Uint8Array(storage.numel * DTYPE_BYTES[storage.dtype]);
  for (const [key, tensor] of extractStateDict(object, source)) writeTensor(tensor, valuesOf(key, tensor.shape));
}

function writeTensor(tensor: TorchTensor, values: number[]): void {
  const { storage, shape, stride } = tensor;
  const view = new DataView(storage.bytes!.buffer);
  const index = new Array<number>(shape.length).fill(0);
  for (const value of values) {
    const at = tensor.offset + index.reduce((sum, i, d) => sum + i * stride[d], 0);
    if (storage.dtype === 'float16') view.setUint16(at * 2, floatToHalfBits(value), true);
    else if (storage.dtype === 'float32') view.setFloat32(at * 4, value, true);
    else if (storage.dtype === 'int64') view.setBigInt64(at * 8, BigInt(value), true);
    else throw new Error(`fixture storage of type ${storage.dtype}`);
    for (let d = shape.length - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
  }
}

/** A legacy torch.save file: its pickles (up to the storage section), then every storage filled by `valuesOf`. */
export function legacyCheckpoint(picklesPath: string, valuesOf: WeightValues): Uint8Array {
  const source = 'legacy fixture';
  const pickles = readFileSync(picklesPath);
  const plain = { source, globals: CHECKPOINT_GLOBALS };
  let end = 0;
  for (let i = 0; i < 3; i++) end = readPickle(pickles, end, plain).end; // magic, protocol, sys info
  const storages = new Map<string, TorchStorage>();
  const object = readPickle(pickles, end, { ...plain, persistentLoad: storageLoader(storages, source) });
  const keys = readPickle(pickles, object.end, plain).value as unknown[];
  fillStorages(object.value, storages, source, valuesOf);
  const parts: Uint8Array[] = [pickles];
  for (const key of keys.map(String)) {
    const storage = storages.get(key)!;
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(storage.numel), true);
    parts.push(count, storage.bytes!);
  }
  return Buffer.concat(parts);
}

/** A zip torch.save file around its data.pkl, every storage filled by `valuesOf`. */
export function zipCheckpoint(
  zip: { dataPklPath: string; archive: string; version: string },
  valuesOf: WeightValues,
): Uint8Array {
  const source = 'zip fixture';
  const { archive, version } = zip;
  const pkl = readFileSync(zip.dataPklPath);
  const storages = new Map<string, TorchStorage>();
  const { value } = readPickle(pkl, 0, {
    source,
    globals: CHECKPOINT_GLOBALS,
    persistentLoad: storageLoader(storages, source),
  });
  fillStorages(value, storages, source, valuesOf);
  const entries: Record<string, Uint8Array> = {
    [`${archive}/data.pkl`]: pkl,
    [`${archive}/version`]: new TextEncoder().encode(`${version}\n`),
  };
  for (const storage of storages.values()) entries[`${archive}/data/${storage.key}`] = storage.bytes!;
  return zipSync(entries, { level: 0 });
}
