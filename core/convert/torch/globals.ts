/**
 * The only Python names a checkpoint pickle may refer to, each mapped to a plain function that
 * builds data. Everything a state dict needs is here; anything else (a model class, os.system,
 * builtins.eval) is refused by the pickle reader with the class named.
 */
import { STORAGE_CLASS_DTYPES, type TorchDtype } from './dtypes';
import type { TorchStorage, TorchTensor } from './tensor';
import type { AllowedGlobal, GlobalTable } from './pickle-stack';

/** The value a `torch.<Name>Storage` global stands for inside a persistent id. */
export interface StorageClass {
  storageClass: string;
  dtype: TorchDtype;
}

export function isStorageClass(value: unknown): value is StorageClass {
  return typeof value === 'object' && value !== null && 'storageClass' in value && 'dtype' in value;
}

function isStorage(value: unknown): value is TorchStorage {
  return typeof value === 'object' && value !== null && 'numel' in value && 'dtype' in value && 'key' in value;
}

function asIntList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isInteger(v))) {
    throw new Error(`${what} is not a tuple of integers`);
  }
  return value as number[];
}

/** torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]). */
function rebuildTensor(args: unknown[]): TorchTensor {
  const [storage, offset, size, stride] = args;
  if (!isStorage(storage)) throw new Error('_rebuild_tensor_v2: first argument is not a storage');
  if (typeof offset !== 'number') throw new Error('_rebuild_tensor_v2: storage offset is not an integer');
  const shape = asIntList(size, '_rebuild_tensor_v2 size');
  const strides = asIntList(stride, '_rebuild_tensor_v2 stride');
  if (shape.length !== strides.length)
    throw new Error(`_rebuild_tensor_v2: size has ${shape.length} dims but stride has ${strides.length}`);
  return { storage, offset, shape, stride: strides };
}

/** torch._utils._rebuild_parameter(data, requires_grad, hooks[, state]): a Parameter is its tensor. */
function rebuildParameter(args: unknown[]): unknown {
  return args[0];
}

/** collections.OrderedDict() or OrderedDict([(k, v), …]). */
function orderedDict(args: unknown[]): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  const items = args[0];
  if (Array.isArray(items))
    for (const item of items) if (Array.isArray(item) && item.length === 2) map.set(item[0], item[1]);
  return map;
}

/** Numpy scalars appear in training metadata (best accuracy, epoch); decoded for completeness. */
interface NumpyDtype {
  numpyDtype: string;
}

function numpyDtype(args: unknown[]): NumpyDtype {
  return { numpyDtype: String(args[0]) };
}

function numpyScalar(args: unknown[]): number | null {
  const [dtype, data] = args;
  if (!(data instanceof Uint8Array) || typeof dtype !== 'object' || dtype === null || !('numpyDtype' in dtype))
    return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch ((dtype as NumpyDtype).numpyDtype) {
    case 'f8':
      return view.getFloat64(0, true);
    case 'f4':
      return view.getFloat32(0, true);
    case 'i8':
      return Number(view.getBigInt64(0, true));
    case 'i4':
      return view.getInt32(0, true);
    case 'b1':
    case 'u1':
      return view.getUint8(0);
    default:
      return null;
  }
}

/**
 * Numpy arrays in training metadata (MMPose 1.x keeps the dataset's sigmas and colours in
 * `meta.dataset_meta`): `_reconstruct(numpy.ndarray, (0,), b'b')` then BUILD with the contents.
 * Nothing reads them, so they stay an opaque marker and their bytes are dropped.
 */
export interface NumpyArrayPlaceholder {
  numpyArray: true;
}

function numpyReconstruct(): NumpyArrayPlaceholder {
  return { numpyArray: true };
}

/** _codecs.encode(text, 'latin1'): how protocol-2 pickles from Python 3 spell a bytes object. */
function codecsEncode(args: unknown[]): Uint8Array {
  const text = String(args[0] ?? '');
  const encoding = String(args[1] ?? 'utf-8').toLowerCase();
  if (encoding === 'latin1' || encoding === 'latin-1' || encoding === 'iso-8859-1') {
    return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  }
  return new TextEncoder().encode(text);
}

function storageClasses(): Record<string, AllowedGlobal> {
  const table: Record<string, AllowedGlobal> = {};
  for (const [name, dtype] of Object.entries(STORAGE_CLASS_DTYPES)) {
    const value: StorageClass = { storageClass: `torch.${name}`, dtype };
    table[`torch.${name}`] = { value };
  }
  return table;
}

export const CHECKPOINT_GLOBALS: GlobalTable = {
  'collections.OrderedDict': { call: orderedDict },
  'torch._utils._rebuild_tensor': { call: rebuildTensor },
  'torch._utils._rebuild_tensor_v2': { call: rebuildTensor },
  'torch._utils._rebuild_parameter': { call: rebuildParameter },
  'torch._utils._rebuild_parameter_with_state': { call: rebuildParameter },
  'numpy.core.multiarray.scalar': { call: numpyScalar },
  'numpy._core.multiarray.scalar': { call: numpyScalar },
  'numpy.dtype': { call: numpyDtype },
  'numpy.ndarray': { value: 'numpy.ndarray' },
  'numpy.core.multiarray._reconstruct': { call: numpyReconstruct },
  'numpy._core.multiarray._reconstruct': { call: numpyReconstruct },
  '_codecs.encode': { call: codecsEncode },
  ...storageClasses(),
};
