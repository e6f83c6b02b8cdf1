import { describe, expect, it } from 'vitest';
import { floatToHalfBits } from '../../../core/convert/float16';
import { tensorToFloat32, type TorchStorage } from '../../../core/convert/torch/tensor';

function f32Storage(values: number[], byteShift = 0): TorchStorage {
  // byteShift > 0 puts the data at an unaligned offset, as legacy files do.
  const buffer = new ArrayBuffer(values.length * 4 + byteShift);
  const view = new DataView(buffer, byteShift);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { key: '0', dtype: 'float32', numel: values.length, bytes: new Uint8Array(buffer, byteShift) };
}

describe('tensorToFloat32', () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

  it('copies contiguous float32 views at a storage offset, aligned or not', () => {
    for (const shift of [0, 3]) {
      const t = { storage: f32Storage(values, shift), offset: 2, shape: [2, 3], stride: [3, 1] };
      expect([...tensorToFloat32(t, 'w')]).toEqual([2, 3, 4, 5, 6, 7]);
    }
  });

  it('materialises strided (transposed, channels-last) views in row-major order', () => {
    // Storage holds a 3×4 matrix; the view is its transpose (4×3, strides [1, 4]).
    const t = { storage: f32Storage(values), offset: 0, shape: [4, 3], stride: [1, 4] };
    expect([...tensorToFloat32(t, 'w')]).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    // A 2×2 corner with offset: rows 1..2, columns 1..2 of the 3×4 matrix.
    const corner = { storage: f32Storage(values), offset: 5, shape: [2, 2], stride: [4, 1] };
    expect([...tensorToFloat32(corner, 'w')]).toEqual([5, 6, 9, 10]);
  });

  it('converts float16 and int64 storages', () => {
    const half = new Uint8Array(6);
    const hv = new DataView(half.buffer);
    [1.5, -0.25, 1024].forEach((v, i) => hv.setUint16(i * 2, floatToHalfBits(v), true));
    expect([
      ...tensorToFloat32(
        { storage: { key: 'h', dtype: 'float16', numel: 3, bytes: half }, offset: 0, shape: [3], stride: [1] },
        'h',
      ),
    ]).toEqual([1.5, -0.25, 1024]);
    const long = new Uint8Array(16);
    new DataView(long.buffer).setBigInt64(8, -7n, true);
    expect([
      ...tensorToFloat32(
        { storage: { key: 'l', dtype: 'int64', numel: 2, bytes: long }, offset: 1, shape: [], stride: [] },
        'l',
      ),
    ]).toEqual([-7]);
  });

  it('names the tensor when the storage is too short or missing', () => {
    const short = { storage: f32Storage([1, 2, 3]), offset: 1, shape: [2, 2], stride: [2, 1] };
    expect(() => tensorToFloat32(short, 'conv1.weight in a.pth')).toThrow(
      'conv1.weight in a.pth: the tensor view needs 5 elements but storage 0 holds 3 (the file is truncated or corrupt).',
    );
    const empty = {
      storage: { key: '7', dtype: 'float32' as const, numel: 4, bytes: null },
      offset: 0,
      shape: [4],
      stride: [1],
    };
    expect(() => tensorToFloat32(empty, 'bn1.bias in a.pth')).toThrow(/bn1\.bias in a\.pth: storage 7 has no data/);
  });
});
