import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeOnnxModel, type OnnxInitializer, type OnnxNode } from '../../core/convert/onnx-writer';
import { simccBins } from '../../core/models/manifest';
import { getManifest } from '../../core/models/registry';

/**
 * A stand-in for an RTMPose model whose answer is known, with the converter's input and outputs
 * (`input [N,3,H,W]` → `simcc_x [N,17,2W]`, `simcc_y [N,17,2H]`): keypoint k reads one colour
 * channel; its x vector is that channel's maximum down each column, its y vector the maximum along
 * each row, each input pixel spread over its two bins. A frame with coloured blobs therefore gives
 * SimCC maxima exactly under the blobs. Written under the file name of the RTMPose manifest `id`,
 * so `loadModel(path)` picks up that manifest.
 */
const KEYPOINTS = 17;
/** Scales the normalised blob peak (+2.2 to +2.6 for a saturated channel) to a score below 1. */
const GAIN = 0.3;

export async function writeSyntheticSimccModel(
  dir: string,
  id: string,
  channelOf: (keypoint: number) => number,
): Promise<string> {
  const manifest = getManifest(id);
  const { width, height } = manifest.input;
  const [xBins, yBins] = simccBins(manifest);
  const select = new Float32Array(KEYPOINTS * 3);
  for (let k = 0; k < KEYPOINTS; k++) select[k * 3 + channelOf(k)] = GAIN;
  const [xName, yName] = manifest.output.names;
  const bytes = writeOnnxModel({
    name: 'synthetic-simcc',
    inputs: [{ name: manifest.input.name, type: 'float32', shape: ['N', 3, height, width] }],
    outputs: [
      { name: xName, type: 'float32', shape: ['N', KEYPOINTS, xBins] },
      { name: yName, type: 'float32', shape: ['N', KEYPOINTS, yBins] },
    ],
    initializers: [
      { name: 'select', type: 'float32', dims: [KEYPOINTS, 3, 1, 1], data: select },
      { name: 'flat', type: 'int64', dims: [3], data: BigInt64Array.from([0n, BigInt(KEYPOINTS), -1n]) },
      spread('spread_x', width, xBins),
      spread('spread_y', height, yBins),
    ],
    nodes: [
      ...axisBranch(manifest.input.name, 'x', 2, 'spread_x', xName),
      ...axisBranch(manifest.input.name, 'y', 3, 'spread_y', yName),
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, manifest.file);
  await fs.writeFile(file, bytes);
  return file;
}

/** Max over `reduceAxis` → channel pick per keypoint → (N,17,pixels) → (N,17,bins). */
function axisBranch(input: string, tag: string, reduceAxis: number, spreadName: string, output: string): OnnxNode[] {
  return [
    {
      opType: 'ReduceMax',
      inputs: [input],
      outputs: [`${tag}_profile`],
      attributes: { axes: { ints: [reduceAxis] }, keepdims: { int: 1 } },
    },
    {
      opType: 'Conv',
      inputs: [`${tag}_profile`, 'select'],
      outputs: [`${tag}_picked`],
      attributes: { kernel_shape: { ints: [1, 1] } },
    },
    { opType: 'Reshape', inputs: [`${tag}_picked`, 'flat'], outputs: [`${tag}_flat`] },
    { opType: 'MatMul', inputs: [`${tag}_flat`, spreadName], outputs: [output] },
  ];
}

/** (pixels, bins) matrix copying pixel i into bins i·r … (i+1)·r − 1. */
function spread(name: string, pixels: number, bins: number): OnnxInitializer {
  const data = new Float32Array(pixels * bins);
  const ratio = bins / pixels;
  for (let bin = 0; bin < bins; bin++) data[Math.floor(bin / ratio) * bins + bin] = 1;
  return { name, type: 'float32', dims: [pixels, bins], data };
}
