import { z } from 'zod';
import { KEYPOINT_SCHEMA_IDS } from '../types';

/**
 * A model manifest (models/*.json): everything needed to fetch, check, feed and decode a model.
 * Weights never live in git; the manifest says where they come from and what they must look like.
 */
const Triple = z.tuple([z.number(), z.number(), z.number()]);

export const ModelManifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'),
  name: z.string(),
  description: z.string().default(''),
  /** person-reid: one embedding per person crop, compared by cosine similarity (optional, for re-linking). */
  task: z.enum(['person-detector', 'pose-topdown-heatmap', 'person-reid']),
  /** File name of the runnable ONNX model in the store. */
  file: z.string(),
  source: z.object({
    /** Where the published file comes from; absent for local-import-only models. */
    url: z.string().url().optional(),
    /** What the URL serves: an ONNX file, or a PyTorch checkpoint converted after download. */
    format: z.enum(['onnx', 'pytorch-checkpoint']).default('onnx'),
    sizeBytes: z.number().int().positive().optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** The 8-hex prefix that checkpoint file names carry (e.g. hrnet_w48_coco_384x288-314c8528). */
    sha256Prefix: z
      .string()
      .regex(/^[0-9a-f]{8}$/)
      .optional(),
    localImportOnly: z.boolean().default(false),
  }),
  /** For checkpoints: the architecture the converter builds. */
  convert: z
    .object({ arch: z.enum(['hrnet-w32', 'hrnet-w48', 'rtmpose-t', 'rtmpose-s', 'rtmpose-m', 'rtmpose-l']) })
    .optional(),
  input: z.object({
    name: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Channels first (NCHW) or last (NHWC); only re-ID models, read from their file, are ever NHWC. */
    layout: z.enum(['NCHW', 'NHWC']).default('NCHW'),
    colorOrder: z.enum(['RGB', 'BGR']),
    /** Pixel values are multiplied by this before mean/std (1 for 0–255, 1/255 for 0–1). */
    scale: z.number().positive().default(1),
    mean: Triple.default([0, 0, 0]),
    std: Triple.default([1, 1, 1]),
    /**
     * letterbox-topleft: resize keeping aspect, pad right/bottom (YOLOX); affine: top-down crop;
     * stretch: the person's box resized to the input, aspect not kept (re-ID models).
     */
    resize: z.enum(['letterbox-topleft', 'letterbox-center', 'affine', 'stretch']),
    padValue: z.number().default(114),
    /** 'dynamic' when the batch dimension is free; otherwise the fixed batch size. */
    batch: z.union([z.literal('dynamic'), z.number().int().positive()]).default(1),
    /**
     * For detectors whose file leaves height and width free: square input sides (px) worth
     * offering besides width × height; a larger one finds smaller people at a higher cost.
     */
    sizeChoices: z.array(z.number().int().positive().multipleOf(32)).optional(),
  }),
  output: z.object({
    /** heatmap: (N,K,H,W) heatmaps; simcc: per-axis classification vectors (RTMPose), names [x, y]. */
    decoder: z.enum(['yolox', 'rtmdet', 'heatmap', 'simcc', 'embedding']),
    names: z.array(z.string()).min(1),
    /** For heatmap models: [width, height] of each heatmap. */
    heatmapSize: z.tuple([z.number().int(), z.number().int()]).optional(),
    /** For SimCC models: bins per model-input pixel (x vectors hold width × splitRatio values). */
    splitRatio: z.number().positive().optional(),
    /** For embedding models: values per person. */
    embeddingSize: z.number().int().positive().optional(),
  }),
  keypointSchema: z.enum(KEYPOINT_SCHEMA_IDS).optional(),
  /** Class index of "person" for multi-class detectors. */
  personClass: z.number().int().nonnegative().optional(),
  params: z.object({ millions: z.number().optional(), gflops: z.number().optional() }).optional(),
  /** Published COCO val2017 keypoint AP (0–1) with person detections, for pose models. */
  cocoAp: z.number().min(0).max(1).optional(),
  license: z.string(),
});

export type ModelManifest = z.infer<typeof ModelManifestSchema>;

/** Bins per crop of a SimCC model's x and y vectors: input width and height × split ratio. */
export function simccBins(manifest: ModelManifest): [xBins: number, yBins: number] {
  const ratio = manifest.output.splitRatio;
  if (ratio === undefined) throw new Error(`Model manifest ${manifest.id} lacks output.splitRatio.`);
  return [Math.round(manifest.input.width * ratio), Math.round(manifest.input.height * ratio)];
}
