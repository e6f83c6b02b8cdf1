/**
 * What the rest of the project sees of a model session: plain typed arrays in and out, the
 * file's declared shapes, and the options a session is opened with. No runtime types here, so
 * code that only passes tensors around does not depend on onnxruntime-node (onnx.ts).
 */
import type { ExecutionDevice } from '../devices';

export type NdArrayType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'bool';

/** A dense tensor as plain data. float16 values are raw IEEE half bits; bool is one byte each. */
export interface NdArray {
  type: NdArrayType;
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;
  dims: readonly number[];
}

export interface ModelSession {
  path: string;
  /** The execution provider the session actually got: 'cpu' | 'cuda' | 'webgpu' | 'dml' | 'coreml'. */
  provider: string;
  /** Fallbacks that happened while creating the session (also sent to `onWarning`). */
  warnings: string[];
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** Shapes as the model file declares them: numbers for fixed dims, names for symbolic ones. */
  inputShapes: Record<string, (number | string)[]>;
  outputShapes: Record<string, (number | string)[]>;
  run(feeds: Record<string, NdArray>): Promise<Record<string, NdArray>>;
  dispose(): Promise<void>;
}

export interface CreateSessionOptions {
  device?: ExecutionDevice;
  /** Intra-op threads; default: the cores available to this process. */
  threads?: number;
  onWarning?: (msg: string) => void;
}
