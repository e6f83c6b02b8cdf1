/**
 * Element types found in PyTorch checkpoints and safetensors files, and how to turn a run of raw
 * little-endian elements into float32 (the only type the converter computes with).
 */
import { halfBitsToFloat } from '../float16';

export type TorchDtype =
  | 'float32'
  | 'float16'
  | 'bfloat16'
  | 'float64'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

export const DTYPE_BYTES: Record<TorchDtype, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** `torch.<Name>Storage` classes (as pickled in checkpoints) → element type. */
export const STORAGE_CLASS_DTYPES: Readonly<Record<string, TorchDtype>> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** safetensors dtype codes → element type. */
export const SAFETENSORS_DTYPES: Readonly<Record<string, TorchDtype>> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};

/** Reads element `index` of `dtype` from little-endian bytes as a JS number. */
export function elementReader(dtype: TorchDtype, view: DataView): (index: number) => number {
  switch (dtype) {
    case 'float32':
      return (i) => view.getFloat32(i * 4, true);
    case 'float16':
      return (i) => halfBitsToFloat(view.getUint16(i * 2, true));
    case 'bfloat16':
      // bfloat16 is the top half of a float32.
      return (i) => {
        const scratch = new DataView(new ArrayBuffer(4));
        scratch.setUint16(2, view.getUint16(i * 2, true));
        return scratch.getFloat32(0);
      };
    case 'float64':
      return (i) => view.getFloat64(i * 8, true);
    case 'int64':
      return (i) => Number(view.getBigInt64(i * 8, true));
    case 'int32':
      return (i) => view.getInt32(i * 4, true);
    case 'int16':
      return (i) => view.getInt16(i * 2, true);
    case 'int8':
      return (i) => view.getInt8(i);
    case 'uint8':
    case 'bool':
      return (i) => view.getUint8(i);
  }
}
