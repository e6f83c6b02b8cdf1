/**
 * How a top-down pose model's outputs become keypoints in model-input pixels. The estimator crops,
 * batches and maps back to the image; a codec knows one output format (heatmaps, SimCC vectors):
 * its size per crop, how to gather it from a session's outputs, un-mirror it for the flip test and
 * decode it.
 */
import type { ModelManifest } from '../models/manifest';
import type { NdArray } from '../models/onnx';
import type { KeypointSchema } from '../keypoints/schema';
import type { HeatmapRefinement } from './options';
import { HeatmapCodec } from './heatmap-codec';
import { SimccCodec } from './simcc-codec';

export interface PoseOutputCodec {
  /** Floats of model output per crop, in the layout `gather` returns. */
  readonly cropLength: number;
  /** The outputs of a call on `batch` crops as one array, crop after crop. */
  gather(outputs: Record<string, NdArray>, batch: number): Float32Array;
  /** One crop's outputs from a mirrored input (at `values[offset…]`), un-mirrored into `scratch`. */
  unflip(values: Float32Array, offset: number, scratch: Float32Array): Float32Array;
  /**
   * Per keypoint `[x, y, score]` into `out` (K × 3): x, y in continuous model-input pixels (pixel
   * (i, j)'s centre is (i + 0.5, j + 0.5)), the score as the model gives it (not clamped).
   */
  decode(values: Float32Array, offset: number, out: Float64Array, refine: HeatmapRefinement): Float64Array;
}

/** The codec `manifest.output.decoder` names; throws for a model that is not a top-down pose model. */
export function poseOutputCodec(manifest: ModelManifest, schema: KeypointSchema): PoseOutputCodec {
  if (manifest.task === 'pose-topdown-heatmap' && manifest.output.decoder === 'heatmap')
    return new HeatmapCodec(manifest, schema);
  if (manifest.task === 'pose-topdown-heatmap' && manifest.output.decoder === 'simcc')
    return new SimccCodec(manifest, schema);
  throw new Error(
    `Model ${manifest.id} is a ${manifest.task} model with ${manifest.output.decoder} outputs, not a top-down pose model.`,
  );
}
