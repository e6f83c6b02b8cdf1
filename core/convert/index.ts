/**
 * PyTorch HRNet checkpoint → ONNX, in TypeScript: read the weights (zip or legacy .pth, or
 * .safetensors; nothing in them is executed), map the key layout, check names and shapes against
 * the architecture, build the graph with BatchNorm folded, write the model atomically.
 */
import path from 'node:path';
import type { Progress } from '../types';
import { writeFileAtomic } from '../util/fs';
import { buildHrnetGraph, checkHrnetInputSize } from './hrnet';
import { COCO_NUM_JOINTS, countHrnetParams, describeHrnet, HRNET_WIDTHS, hrnetParamShapes, type HrnetArchName } from './hrnet-arch';
import { writeOnnxModel } from './onnx-writer';
import { normalizeHrnetStateDict } from './state-dict';
import { loadStateDict } from './torch/load';
import { tensorToFloat32 } from './torch/tensor';

export { countHrnetParams, countHrnetMacs, describeHrnet, hrnetParamShapes, HRNET_WIDTHS, type HrnetArchName } from './hrnet-arch';
export { buildHrnetGraph, HRNET_INPUT_NAME, HRNET_OUTPUT_NAME } from './hrnet';
export { writeOnnxModel, type OnnxGraph, type OnnxNode, type OnnxInitializer, type OnnxValueInfo, type OnnxAttribute } from './onnx-writer';
export { loadStateDict } from './torch/load';

export type HrnetArchSpec = HrnetArchName | { width: number };

export interface ConvertOptions {
  checkpointPath: string;
  arch: HrnetArchSpec;
  inputWidth: number;
  inputHeight: number;
  outPath: string;
  /** float16 weights (half the size, for GPU providers); inputs and outputs stay float32. */
  float16?: boolean;
  /** Default true; false keeps BatchNormalization nodes (for comparisons and benchmarks). */
  foldBatchNorm?: boolean;
  onProgress?: (p: Progress) => void;
}

export interface ConvertResult {
  /** Learned parameters in the converted network. */
  params: number;
  outPath: string;
}

export function archWidth(arch: HrnetArchSpec): number {
  if (typeof arch === 'object') {
    if (!Number.isInteger(arch.width) || arch.width < 1) throw new Error(`Invalid HRNet width ${arch.width}. Should be a positive integer.`);
    return arch.width;
  }
  const width = HRNET_WIDTHS[arch];
  if (width === undefined) throw new Error(`Unknown architecture "${String(arch)}". Should be one of ${Object.keys(HRNET_WIDTHS).join(', ')}.`);
  return width;
}

/** Progress phases as fractions of the whole conversion (weights dominate the time). */
const PHASES = { read: 0.1, convert: 0.8, encode: 0.95, write: 1 } as const;
const PROGRESS_STEPS = 100;

export async function convertCheckpointToOnnx(opts: ConvertOptions): Promise<ConvertResult> {
  const width = archWidth(opts.arch);
  checkHrnetInputSize(opts.inputWidth, opts.inputHeight);
  const report = (fraction: number, message: string): void => opts.onProgress?.({ done: Math.round(fraction * PROGRESS_STEPS), total: PROGRESS_STEPS, message });
  const source = opts.checkpointPath;

  report(0, `Reading ${path.basename(source)}`);
  const loaded = await loadStateDict(source);
  const arch = describeHrnet(width, COCO_NUM_JOINTS);
  const { tensors } = normalizeHrnetStateDict(loaded.tensors, hrnetParamShapes(arch), source);
  report(PHASES.read, 'Building the ONNX graph');

  const weights = (name: string): Float32Array => tensorToFloat32(tensors.get(name)!, `${name} in ${source}`);
  const graph = buildHrnetGraph(arch, weights, {
    inputWidth: opts.inputWidth,
    inputHeight: opts.inputHeight,
    float16: opts.float16,
    foldBatchNorm: opts.foldBatchNorm,
    metadata: { source_checkpoint: path.basename(source), source_format: loaded.format },
    onConv: (done, total) => report(PHASES.read + (PHASES.convert - PHASES.read) * (done / total), 'Converting weights'),
  });
  report(PHASES.convert, 'Encoding the ONNX model');
  const bytes = writeOnnxModel(graph);
  report(PHASES.encode, `Writing ${path.basename(opts.outPath)}`);
  await writeFileAtomic(opts.outPath, bytes);
  report(PHASES.write, 'Done');
  return { params: countHrnetParams(width), outPath: opts.outPath };
}
