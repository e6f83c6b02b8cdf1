import type { ModelManifest } from '../models/manifest';
import type { NdArray } from '../models/onnx';
import { float16ToFloat32 } from '../convert/float16';

/**
 * Output `name` of a call on `batch` crops as float32, checked against `expected` dims after the
 * batch; the error names the model and both shapes.
 */
export function outputValues(
  manifest: ModelManifest,
  outputs: Record<string, NdArray>,
  name: string,
  batch: number,
  expected: readonly number[],
): Float32Array {
  const output = outputs[name];
  if (!output) throw new Error(`Model ${manifest.id} returned no output "${name}".`);
  const want = [batch, ...expected];
  const dims = output.dims;
  if (dims.length !== want.length || dims.some((d, i) => d !== want[i])) {
    throw new Error(
      `Model ${manifest.id} returned "${name}" of shape [${dims.join(',')}]; expected [${want.join(',')}].`,
    );
  }
  if (output.type === 'float32') return output.data as Float32Array;
  if (output.type === 'float16') return float16ToFloat32(output.data as Uint16Array);
  throw new Error(`Model ${manifest.id} returned ${output.type} "${name}"; float32 or float16 expected.`);
}
