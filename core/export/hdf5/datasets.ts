import type { H5Dataset, H5Group } from './h5wasm';

/** Names as a fixed-length byte-string array (numpy `S<n>`), UTF-8, as h5py stores `np.bytes_` lists. */
export interface FixedStrings {
  strings: string[];
  /** Longest UTF-8 length, at least 1 (numpy's `S1` for an empty list). */
  bytes: number;
}

export function fixedStrings(strings: readonly string[]): FixedStrings {
  return { strings: [...strings], bytes: Math.max(1, ...strings.map((s) => Buffer.byteLength(s, 'utf8'))) };
}

type ArrayData =
  | Float64Array
  | Float32Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | FixedStrings;

/**
 * Writes an n-d array in C order with the given shape; `gzipLevel` compresses it in one chunk
 * (skipped for empty arrays, which HDF5 cannot chunk).
 */
export function writeArray(
  group: H5Group,
  name: string,
  data: ArrayData,
  shape: number[],
  gzipLevel?: number,
): H5Dataset {
  const compress = gzipLevel !== undefined && shape.length > 0 && shape.every((n) => n > 0);
  const isStrings = 'strings' in data;
  return group.create_dataset({
    name,
    data: isStrings ? data.strings : data,
    shape,
    ...(isStrings ? { dtype: `S${data.bytes}` } : {}),
    ...(compress ? { compression: gzipLevel, chunks: shape } : {}),
  });
}

/**
 * Values one dataset may hold for Posetrail to read it. SLEAP's track array for an hour at 30 fps
 * with 20 people and 17 nodes holds 20 × 2 × 17 × 108 000 = 73 M; a compressed or sparse dataset
 * can declare billions in a few bytes, so a larger one is refused before anything is read.
 */
export const MAX_DATASET_VALUES = 80_000_000;

function datasetOf(group: H5Group, name: string): H5Dataset {
  const entity = group.get(name);
  if (!entity || !('type' in entity) || entity.type !== 'Dataset')
    throw new Error(`no "${name}" dataset in ${group.path}`);
  const dataset = entity as H5Dataset;
  const values = (dataset.shape ?? []).reduce((product, n) => product * n, 1);
  if (values > MAX_DATASET_VALUES)
    throw new Error(
      `"${name}" in ${group.path} declares ${values} values, more than the ${MAX_DATASET_VALUES} Posetrail reads from one dataset.`,
    );
  return dataset;
}

/** A numeric dataset as numbers in C order, with its shape. */
export function readNumbers(group: H5Group, name: string): { values: number[]; shape: number[] } {
  const dataset = datasetOf(group, name);
  const raw = dataset.value;
  const shape = dataset.shape ?? [];
  const flat = ArrayBuffer.isView(raw)
    ? Array.from(raw as ArrayLike<number | bigint>, Number)
    : Array.isArray(raw)
      ? flatten(raw).map(Number)
      : [Number(raw)];
  return { values: flat, shape };
}

/** A string array dataset (fixed or variable length) as strings. */
export function readStrings(group: H5Group, name: string): string[] {
  const raw = datasetOf(group, name).value;
  const list = Array.isArray(raw) ? flatten(raw) : [raw];
  return list.map((s) => (s instanceof Uint8Array ? Buffer.from(s).toString('utf8') : String(s)).replace(/\0+$/, ''));
}

/** A scalar string dataset. */
export function readScalarString(group: H5Group, name: string): string {
  return readStrings(group, name)[0] ?? '';
}

function flatten(list: unknown[]): unknown[] {
  return list.flatMap((item) => (Array.isArray(item) ? flatten(item) : [item]));
}
