import type { ModelManifest } from '../models/manifest';
import type { NdArray } from '../models/onnx';
import type { KeypointSchema } from '../keypoints/schema';
import type { HeatmapRefinement } from './options';
import type { PoseOutputCodec } from './output-codec';
import { outputValues } from './output-values';
import { refineDark } from './dark-refine';
import { unflipHeatmaps } from './flip';
import { heatmapArgmax, type HeatmapShape } from './heatmap-argmax';

/** Heatmaps (K, H, W) per crop (HRNet, SimpleBaseline): argmax, quarter-pixel shift or DARK. */
export class HeatmapCodec implements PoseOutputCodec {
  readonly cropLength: number;
  private readonly shape: HeatmapShape;
  private readonly coords: Float32Array;

  constructor(
    private readonly manifest: ModelManifest,
    private readonly schema: KeypointSchema,
  ) {
    if (!manifest.keypointSchema || !manifest.output.heatmapSize) {
      throw new Error(`Model manifest ${manifest.id} lacks keypointSchema or output.heatmapSize.`);
    }
    const [width, height] = manifest.output.heatmapSize;
    this.shape = [schema.names.length, height, width];
    this.cropLength = this.shape[0] * height * width;
    this.coords = new Float32Array(this.shape[0] * 3);
  }

  gather(outputs: Record<string, NdArray>, batch: number): Float32Array {
    return outputValues(this.manifest, outputs, this.manifest.output.names[0], batch, this.shape);
  }

  unflip(values: Float32Array, offset: number, scratch: Float32Array): Float32Array {
    return unflipHeatmaps(values, this.shape, this.schema.flipPairs, scratch, offset);
  }

  decode(values: Float32Array, offset: number, out: Float64Array, refine: HeatmapRefinement): Float64Array {
    const coords = heatmapArgmax(values, this.shape, this.coords, { offset });
    if (refine === 'dark') refineDark(values, this.shape, coords, { offset });
    const [keypoints, height, width] = this.shape;
    const inputPerHeatmapX = this.manifest.input.width / width;
    const inputPerHeatmapY = this.manifest.input.height / height;
    for (let k = 0; k < keypoints; k++) {
      // Pixel-index heatmap coordinates → continuous → model input pixels.
      out[k * 3] = (coords[k * 3] + 0.5) * inputPerHeatmapX;
      out[k * 3 + 1] = (coords[k * 3 + 1] + 0.5) * inputPerHeatmapY;
      out[k * 3 + 2] = coords[k * 3 + 2];
    }
    return out;
  }
}
