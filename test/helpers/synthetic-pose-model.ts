import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeOnnxModel } from '../../core/convert/onnx-writer';

/**
 * A stand-in for a top-down heatmap pose model whose answer is known: one stride-4 convolution that
 * averages 4×4 input blocks of one colour channel per keypoint. A frame with coloured blobs therefore
 * gives heatmaps peaking exactly under the blobs, which lets a test check the whole path
 * frame → crop → model → heatmap decode → image coordinates against known pixels. A ReLU keeps the
 * dark background at 0, as trained heatmaps are.
 *
 * The file is written under the file name of a real manifest (`simplepose_nano_256x192.onnx` with
 * batch fixed at 1, or `hrnet_w32_coco_256x192.onnx` with a dynamic batch), so `loadModel(path)`
 * picks up that manifest's input name, size, normalisation and output name.
 */
export type SyntheticLayout = 'simplepose-nano' | 'hrnet-w32-coco-256x192';

const LAYOUTS: Record<SyntheticLayout, { file: string; input: string; output: string; batch: number | string }> = {
  'simplepose-nano': {
    file: 'simplepose_nano_256x192.onnx',
    input: 'data',
    output: 'hybridsequential0_conv7_fwd',
    batch: 1,
  },
  'hrnet-w32-coco-256x192': { file: 'hrnet_w32_coco_256x192.onnx', input: 'input', output: 'heatmaps', batch: 'N' },
};

const KEYPOINTS = 17;
const STRIDE = 4;
/** Keeps blob peaks (normalised ≈ +2.2) below 1 so keypoint scores stay unclipped. */
const GAIN = 0.3;

/**
 * Writes the model into `dir` and returns its path. `channelOf(k)` picks the RGB channel keypoint k
 * reads (0 = red, 1 = green, 2 = blue).
 */
export async function writeSyntheticPoseModel(
  dir: string,
  layout: SyntheticLayout,
  channelOf: (keypoint: number) => number,
): Promise<string> {
  const spec = LAYOUTS[layout];
  const weights = new Float32Array(KEYPOINTS * 3 * STRIDE * STRIDE);
  for (let k = 0; k < KEYPOINTS; k++) {
    const base = (k * 3 + channelOf(k)) * STRIDE * STRIDE;
    weights.fill(GAIN / (STRIDE * STRIDE), base, base + STRIDE * STRIDE);
  }
  const bytes = writeOnnxModel({
    name: 'synthetic-pose',
    inputs: [{ name: spec.input, type: 'float32', shape: [spec.batch, 3, 256, 192] }],
    outputs: [{ name: spec.output, type: 'float32', shape: [spec.batch, KEYPOINTS, 64, 48] }],
    initializers: [{ name: 'weights', type: 'float32', dims: [KEYPOINTS, 3, STRIDE, STRIDE], data: weights }],
    nodes: [
      {
        opType: 'Conv',
        inputs: [spec.input, 'weights'],
        outputs: ['block_means'],
        attributes: { kernel_shape: { ints: [STRIDE, STRIDE] }, strides: { ints: [STRIDE, STRIDE] } },
      },
      // Like a trained model's heatmaps: zero away from the joint, a positive bump on it.
      { opType: 'Relu', inputs: ['block_means'], outputs: [spec.output] },
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, spec.file);
  await fs.writeFile(file, bytes);
  return file;
}

/** An RGB frame of `width`×`height`, dark grey, with Gaussian blobs of pure colour added. */
export function frameWithBlobs(
  width: number,
  height: number,
  blobs: { x: number; y: number; channel: number }[],
  sigmaPx = 4,
): Uint8Array {
  const rgb = new Uint8Array(width * height * 3).fill(30);
  for (const blob of blobs) {
    const reach = Math.ceil(4 * sigmaPx);
    for (let y = Math.max(0, Math.floor(blob.y - reach)); y < Math.min(height, blob.y + reach); y++) {
      for (let x = Math.max(0, Math.floor(blob.x - reach)); x < Math.min(width, blob.x + reach); x++) {
        // Blob centres are continuous coordinates: pixel (x, y) has its centre at (x + 0.5, y + 0.5).
        const d2 = (x + 0.5 - blob.x) ** 2 + (y + 0.5 - blob.y) ** 2;
        const o = (y * width + x) * 3 + blob.channel;
        rgb[o] = Math.min(255, rgb[o] + Math.round(225 * Math.exp(-d2 / (2 * sigmaPx * sigmaPx))));
      }
    }
  }
  return rgb;
}
