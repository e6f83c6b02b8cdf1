import type { ModelManifest } from '../models/manifest';
import type { NdArray } from '../models/onnx';
import { decodeRtmdet } from './rtmdet-decode';
import { decodeYolox, type Corners } from './yolox-decode';

/**
 * Boxes of image `slot` of a detector call's batch, as corners in input pixels, from the model's
 * outputs as its manifest names them: YOLOX's raw anchors, or RTMDet's boxes and labels (NMS inside).
 */
export function decodeDetections(
  manifest: ModelManifest,
  outputs: Record<string, NdArray>,
  slot: number,
  inputSize: readonly [number, number],
  minScore: number,
): Corners[] {
  const classIndex = manifest.personClass ?? 0;
  const output = (index: number): NdArray => {
    const name = manifest.output.names[index];
    const array = outputs[name];
    if (!array) throw new Error(`Model ${manifest.id} returned no output "${name}".`);
    return array;
  };
  if (manifest.output.decoder === 'yolox') {
    const raw = output(0);
    const [anchors, channels] = raw.dims.length === 3 ? [raw.dims[1], raw.dims[2]] : [raw.dims[0], raw.dims[1]];
    const data = imageSlice(asFloat32(raw, manifest.id), slot, anchors * channels);
    return decodeYolox(data, [anchors, channels], inputSize, { classIndex, minScore });
  }
  const dets = output(0);
  const labels = output(1);
  const count = dets.dims.length === 3 ? dets.dims[1] : dets.dims[0];
  return decodeRtmdet(
    imageSlice(asFloat32(dets, manifest.id), slot, count * 5),
    imageSlice(labels.data as BigInt64Array | Int32Array, slot, count),
    { classIndex, minScore },
  );
}

function imageSlice<T extends Float32Array | BigInt64Array | Int32Array>(data: T, slot: number, length: number): T {
  return data.subarray(slot * length, (slot + 1) * length) as T;
}

function asFloat32(array: NdArray, modelId: string): Float32Array {
  if (array.type !== 'float32') throw new Error(`Model ${modelId} returned ${array.type} boxes; float32 expected.`);
  return array.data as Float32Array;
}
