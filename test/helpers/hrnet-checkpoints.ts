/**
 * The two PyTorch checkpoints of the HRNet golden test, put back together at test time so that no
 * weights are committed: torch's own pickles from test/fixtures/hrnet (written by
 * build/scripts/make-hrnet-fixtures.py, storage sections left out) with every storage filled from
 * the seed, by the same formula as the script's weight_values.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { storageLoader } from '../../core/convert/torch/checkpoint';
import { DTYPE_BYTES } from '../../core/convert/torch/dtypes';
import { CHECKPOINT_GLOBALS } from '../../core/convert/torch/globals';
import { extractStateDict } from '../../core/convert/torch/load';
import { readPickle } from '../../core/convert/torch/pickle';
import { numelOf, type TorchStorage, type TorchTensor } from '../../core/convert/torch/tensor';
import { floatToHalfBits } from '../../core/convert/float16';
import { seededRandom } from '../../core/util/random';
import { REPO_ROOT } from './assets';

export const HRNET_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/hrnet');
export const hrnetFixtureMeta = JSON.parse(readFileSync(path.join(HRNET_FIXTURES, 'fixtures.json'), 'utf8'));

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** make-hrnet-fixtures.py's weight_values: the entry `key` (official name) row-major, exact in float16. */
export function hrnetWeightValues(
  key: string,
  shape: readonly number[],
  seed: number = hrnetFixtureMeta.seed,
): number[] {
  const numel = numelOf(shape);
  if (key.endsWith('num_batches_tracked')) return new Array<number>(numel).fill(12345);
  const draw = seededRandom((seed ^ fnv1a(key)) >>> 0);
  const steps = Array.from({ length: numel }, () => Math.floor(draw() * 1024));
  const leaf = key.slice(key.lastIndexOf('.') + 1);
  if (leaf === 'weight' && shape.length === 4) {
    const fanIn = shape[1] * shape[2] * shape[3];
    let scale = 2 ** Math.floor(Math.log2(Math.sqrt(3 / fanIn)) + 0.5);
    if (key.startsWith('final_layer.')) scale /= 32;
    return steps.map((q) => ((2 * q - 1024) / 1024) * scale);
  }
  if (leaf === 'bias' && key.startsWith('final_layer.')) return steps.map((q) => (q - 512) / 4096);
  if (leaf === 'weight') return steps.map((q) => 0.5 + q / 2048);
  if (leaf === 'bias' || leaf === 'running_mean') return steps.map((q) => (q - 512) / 2048);
  if (leaf === 'running_var') return steps.map((q) => 0.5 + q / 1024);
  throw new Error(`no weight formula for ${key}`);
}

/** Writes each tensor's values into its storage at the positions its offset and strides give. */
function fillStorages(object: unknown, storages: Map<string, TorchStorage>, source: string): void {
  for (const storage of storages.values()) storage.bytes = new Uint8Array(storage.numel * DTYPE_BYTES[storage.dtype]);
  for (const [key, tensor] of extractStateDict(object, source)) {
    const official = key.replace(/^(backbone|keypoint_head)\./, '');
    writeTensor(tensor, hrnetWeightValues(official, tensor.shape));
  }
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

function legacyCheckpoint(): Uint8Array {
  const source = 'legacy fixture';
  const pickles = readFileSync(path.join(HRNET_FIXTURES, hrnetFixtureMeta.checkpoints.legacy.pickles));
  const plain = { source, globals: CHECKPOINT_GLOBALS };
  let end = 0;
  for (let i = 0; i < 3; i++) end = readPickle(pickles, end, plain).end; // magic, protocol, sys info
  const storages = new Map<string, TorchStorage>();
  const object = readPickle(pickles, end, { ...plain, persistentLoad: storageLoader(storages, source) });
  const keys = readPickle(pickles, object.end, plain).value as unknown[];
  fillStorages(object.value, storages, source);
  const parts: Uint8Array[] = [pickles];
  for (const key of keys.map(String)) {
    const storage = storages.get(key)!;
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(storage.numel), true);
    parts.push(count, storage.bytes!);
  }
  return Buffer.concat(parts);
}

function zipCheckpoint(): Uint8Array {
  const source = 'zip fixture';
  const { dataPkl, archive, version } = hrnetFixtureMeta.checkpoints.zip;
  const pkl = readFileSync(path.join(HRNET_FIXTURES, dataPkl));
  const storages = new Map<string, TorchStorage>();
  const { value } = readPickle(pkl, 0, {
    source,
    globals: CHECKPOINT_GLOBALS,
    persistentLoad: storageLoader(storages, source),
  });
  fillStorages(value, storages, source);
  const entries: Record<string, Uint8Array> = {
    [`${archive}/data.pkl`]: pkl,
    [`${archive}/version`]: new TextEncoder().encode(`${version}\n`),
  };
  for (const storage of storages.values()) entries[`${archive}/data/${storage.key}`] = storage.bytes!;
  return zipSync(entries, { level: 0 });
}

/** Writes hrnet_c2_legacy.pth and hrnet_c2_zip.pth into `dir` and returns their paths. */
export async function writeHrnetCheckpoints(dir: string): Promise<{ legacy: string; zip: string }> {
  const legacy = path.join(dir, `hrnet_c${hrnetFixtureMeta.width}_legacy.pth`);
  const zip = path.join(dir, `hrnet_c${hrnetFixtureMeta.width}_zip.pth`);
  await writeFile(legacy, legacyCheckpoint());
  await writeFile(zip, zipCheckpoint());
  return { legacy, zip };
}
