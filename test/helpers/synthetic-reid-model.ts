import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeOnnxModel } from '../../core/convert/onnx-writer';

/**
 * A stand-in for the OSNet re-ID model whose embedding is a known function of the crop: the mean of
 * each normalised input channel over the whole crop, in the first three of 512 values (the rest 0).
 * Written under the real manifest's file name, so loading it picks up that manifest's
 * normalisation; by default shaped as the pinned Kornia file (input "input" [16,3,256,128], output
 * "output" [16,512]). `shape` writes another export of it: another input name, a dynamic batch
 * (a symbolic dim), channels last, another crop size.
 */
export const REID_FILE = 'osnet_x0_25_msmt17.onnx';
const BATCH = 16;
const EMBEDDING_SIZE = 512;

export interface SyntheticReidShape {
  inputName?: string;
  /** A number fixes the batch; a string leaves it free under that name. */
  batch?: number | string;
  layout?: 'NCHW' | 'NHWC';
  heightPx?: number;
  widthPx?: number;
}

export async function writeSyntheticReidModel(dir: string, shape: SyntheticReidShape = {}): Promise<string> {
  const { inputName = 'input', batch = BATCH, layout = 'NCHW', heightPx = 256, widthPx = 128 } = shape;
  const weights = new Float32Array(EMBEDDING_SIZE * 3);
  for (let c = 0; c < 3; c++) weights[c * 3 + c] = 1;
  const channelsLast = layout === 'NHWC';
  const bytes = writeOnnxModel({
    name: 'synthetic-reid',
    inputs: [
      {
        name: inputName,
        type: 'float32',
        shape: channelsLast ? [batch, heightPx, widthPx, 3] : [batch, 3, heightPx, widthPx],
      },
    ],
    outputs: [{ name: 'output', type: 'float32', shape: [batch, EMBEDDING_SIZE] }],
    initializers: [{ name: 'weights', type: 'float32', dims: [EMBEDDING_SIZE, 3, 1, 1], data: weights }],
    nodes: [
      ...(channelsLast
        ? [
            {
              opType: 'Transpose',
              inputs: [inputName],
              outputs: ['planar'],
              attributes: { perm: { ints: [0, 3, 1, 2] } },
            },
          ]
        : []),
      { opType: 'GlobalAveragePool', inputs: [channelsLast ? 'planar' : inputName], outputs: ['channel_means'] },
      {
        opType: 'Conv',
        inputs: ['channel_means', 'weights'],
        outputs: ['spread'],
        attributes: { kernel_shape: { ints: [1, 1] } },
      },
      { opType: 'Flatten', inputs: ['spread'], outputs: ['output'], attributes: { axis: { int: 1 } } },
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, REID_FILE);
  await fs.writeFile(file, bytes);
  return file;
}

/** What the synthetic model gives a crop of one colour: the ImageNet-normalised colour, unit length. */
export function expectedEmbedding([r, g, b]: readonly [number, number, number]): number[] {
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  const v = [r, g, b].map((value, c) => (value / 255 - mean[c]) / std[c]);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
