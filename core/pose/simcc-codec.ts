import { simccBins, type ModelManifest } from '../models/manifest';
import type { NdArray } from '../models/onnx';
import type { KeypointSchema } from '../keypoints/schema';
import type { PoseOutputCodec } from './output-codec';
import { outputValues } from './output-values';
import { decodeSimcc, unflipSimcc, type SimccShape } from './simcc-decode';

/**
 * SimCC vectors (RTMPose): outputs `simcc_x (N, K, W·r)` and `simcc_y (N, K, H·r)`, gathered per
 * crop as its K x vectors followed by its K y vectors.
 */
export class SimccCodec implements PoseOutputCodec {
  readonly cropLength: number;
  private readonly shape: SimccShape;
  private readonly splitRatio: number;

  constructor(
    private readonly manifest: ModelManifest,
    private readonly schema: KeypointSchema,
  ) {
    if (manifest.output.names.length !== 2) {
      throw new Error(
        `Model manifest ${manifest.id} needs two SimCC outputs (x, y) in output.names; it lists ${manifest.output.names.length}.`,
      );
    }
    const [xBins, yBins] = simccBins(manifest);
    this.splitRatio = manifest.output.splitRatio!;
    this.shape = [schema.names.length, xBins, yBins];
    this.cropLength = schema.names.length * (xBins + yBins);
  }

  gather(outputs: Record<string, NdArray>, batch: number): Float32Array {
    const [keypoints, xBins, yBins] = this.shape;
    const [xName, yName] = this.manifest.output.names;
    const x = outputValues(this.manifest, outputs, xName, batch, [keypoints, xBins]);
    const y = outputValues(this.manifest, outputs, yName, batch, [keypoints, yBins]);
    // A fresh array per call, as a heatmap model's output is: callers may hold it past the next call.
    const gathered = new Float32Array(batch * this.cropLength);
    const xLength = keypoints * xBins;
    const yLength = keypoints * yBins;
    for (let crop = 0; crop < batch; crop++) {
      const at = crop * this.cropLength;
      gathered.set(x.subarray(crop * xLength, (crop + 1) * xLength), at);
      gathered.set(y.subarray(crop * yLength, (crop + 1) * yLength), at + xLength);
    }
    return gathered;
  }

  unflip(values: Float32Array, offset: number, scratch: Float32Array): Float32Array {
    return unflipSimcc(values, offset, this.shape, this.schema.flipPairs, scratch);
  }

  decode(values: Float32Array, offset: number, out: Float64Array): Float64Array {
    const [keypoints, xBins] = this.shape;
    decodeSimcc(
      { simccX: values, simccY: values, offsetX: offset, offsetY: offset + keypoints * xBins },
      this.shape,
      this.splitRatio,
      out,
    );
    // MMPose's bin / ratio is a pixel index (pixel j's centre at j); crops sample at pixel centres
    // (j + 0.5 in continuous coordinates), so the same point is half a pixel further on.
    for (let k = 0; k < keypoints; k++) {
      out[k * 3] += 0.5;
      out[k * 3 + 1] += 0.5;
    }
    return out;
  }
}
