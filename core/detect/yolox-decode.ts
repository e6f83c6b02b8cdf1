import { YOLOX_STRIDES } from '../models/signature';

export interface Corners {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

/**
 * Decodes a raw YOLOX output `(anchors, 5 + classes)` for one image: per anchor on the stride 8/16/32
 * grids (row-major, finest first) `cx = (raw0 + gx)·stride`, `cy = (raw1 + gy)·stride`,
 * `w = exp(raw2)·stride`, `h = exp(raw3)·stride`; score = objectness × class score (both already
 * sigmoid in the exported graph). Returns boxes of `classIndex` with score ≥ `minScore`, as corners
 * in input pixels, unsorted and before NMS.
 */
export function decodeYolox(
  output: Float32Array,
  dims: readonly number[],
  inputSize: readonly [width: number, height: number],
  options: { classIndex: number; minScore: number; strides?: readonly number[] },
): Corners[] {
  const [anchors, channels] = dims.length === 3 ? [dims[1], dims[2]] : [dims[0], dims[1]];
  const strides = options.strides ?? YOLOX_STRIDES;
  const expected = strides.reduce((n, s) => n + Math.ceil(inputSize[0] / s) * Math.ceil(inputSize[1] / s), 0);
  if (anchors !== expected) {
    throw new Error(
      `YOLOX output has ${anchors} anchors; a ${inputSize[0]}×${inputSize[1]} input on strides ${strides.join('/')} gives ${expected}.`,
    );
  }
  if (options.classIndex + 5 >= channels) {
    throw new Error(`YOLOX output has ${channels - 5} classes; class ${options.classIndex} requested.`);
  }
  const boxes: Corners[] = [];
  let anchor = 0;
  for (const stride of strides) {
    const gridWidth = Math.ceil(inputSize[0] / stride);
    const gridHeight = Math.ceil(inputSize[1] / stride);
    for (let gy = 0; gy < gridHeight; gy++) {
      for (let gx = 0; gx < gridWidth; gx++, anchor++) {
        const o = anchor * channels;
        const score = output[o + 4] * output[o + 5 + options.classIndex];
        if (!(score >= options.minScore)) continue;
        const cx = (output[o] + gx) * stride;
        const cy = (output[o + 1] + gy) * stride;
        const halfW = (Math.exp(output[o + 2]) * stride) / 2;
        const halfH = (Math.exp(output[o + 3]) * stride) / 2;
        boxes.push({ x1: cx - halfW, y1: cy - halfH, x2: cx + halfW, y2: cy + halfH, score });
      }
    }
  }
  return boxes;
}
