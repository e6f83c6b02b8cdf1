/**
 * Tensors as checkpoints describe them: a view (offset, shape, strides in elements) into a typed
 * storage. The storage bytes may arrive after the tensor is described (legacy checkpoints store them
 * after the pickle), so a view holds a reference that is filled in later.
 */
import { DTYPE_BYTES, elementReader, type TorchDtype } from './dtypes';

export interface TorchStorage {
  /** Storage key inside the checkpoint ("0", "94315…"), for messages. */
  key: string;
  dtype: TorchDtype;
  /** Number of elements the checkpoint declares. */
  numel: number;
  /** Raw little-endian bytes; null until the file's storage section has been read. */
  bytes: Uint8Array | null;
}

export interface TorchTensor {
  storage: TorchStorage;
  /** Offset of the first element in the storage, in elements. */
  offset: number;
  shape: number[];
  /** Strides in elements, one per dimension. */
  stride: number[];
}

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d];
  }
  return strides;
}

export function isContiguous(tensor: TorchTensor): boolean {
  const expected = contiguousStrides(tensor.shape);
  return tensor.shape.every((size, d) => size === 1 || tensor.stride[d] === expected[d]);
}

/** Highest element index the view touches, +1 (0 for empty tensors). */
function extentOf(tensor: TorchTensor): number {
  if (tensor.shape.some((s) => s === 0)) return 0;
  return tensor.offset + tensor.shape.reduce((sum, size, d) => sum + (size - 1) * tensor.stride[d], 0) + 1;
}

/**
 * The tensor's values as a fresh contiguous float32 array, whatever its dtype, strides and offset.
 * `where` names the tensor in errors ("conv1.weight in model.pth").
 */
export function tensorToFloat32(tensor: TorchTensor, where: string): Float32Array {
  const { storage } = tensor;
  if (!storage.bytes) throw new Error(`${where}: storage ${storage.key} has no data (the file is incomplete).`);
  const elementBytes = DTYPE_BYTES[storage.dtype];
  const available = Math.floor(storage.bytes.byteLength / elementBytes);
  const extent = extentOf(tensor);
  if (extent > available) {
    throw new Error(
      `${where}: the tensor view needs ${extent} elements but storage ${storage.key} holds ${available} (the file is truncated or corrupt).`,
    );
  }
  const count = numelOf(tensor.shape);
  if (storage.dtype === 'float32' && isContiguous(tensor)) {
    // Fast path: one byte copy (also fixes alignment, which raw file offsets do not guarantee).
    const start = storage.bytes.byteOffset + tensor.offset * 4;
    return new Float32Array(storage.bytes.buffer.slice(start, start + count * 4));
  }
  const read = elementReader(
    storage.dtype,
    new DataView(storage.bytes.buffer, storage.bytes.byteOffset, storage.bytes.byteLength),
  );
  const out = new Float32Array(count);
  if (isContiguous(tensor)) {
    for (let i = 0; i < count; i++) out[i] = read(tensor.offset + i);
    return out;
  }
  // General strided view: walk the output in row-major order with an odometer over the indices.
  const rank = tensor.shape.length;
  const index = new Array<number>(rank).fill(0);
  let source = tensor.offset;
  for (let i = 0; i < count; i++) {
    out[i] = read(source);
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      source += tensor.stride[d];
      if (index[d] < tensor.shape[d]) break;
      source -= tensor.stride[d] * tensor.shape[d];
      index[d] = 0;
    }
  }
  return out;
}
