/**
 * PyTorch pose checkpoint → ONNX, in TypeScript: read the weights (zip or legacy .pth, or
 * .safetensors; nothing in them is executed), map the key layout, check names and shapes against
 * the architecture (HRNet or RTMPose), build the graph with BatchNorm folded, write the model
 * atomically.
 */
import path from 'node:path';
import type { Progress } from '../types';
import { writeFileAtomic } from '../util/fs';
import { buildHrnetGraph, checkHrnetInputSize } from './hrnet';
import {
  COCO_NUM_JOINTS,
  countHrnetParams,
  describeHrnet,
  HRNET_WIDTHS,
  hrnetParamShapes,
  type HrnetArchName,
} from './hrnet-arch';
import { writeOnnxModel, type OnnxGraph } from './onnx-writer';
import { randomRtmposeWeights } from './random-weights';
import { buildRtmposeGraph } from './rtmpose';
import {
  countRtmposeParams,
  describeRtmpose,
  isRtmposeArchName,
  RTMPOSE_SIZES,
  rtmposeParamShapes,
  type RtmposeArchName,
  type RtmposeArchSpec,
} from './rtmpose-arch';
import { normalizeRtmposeStateDict } from './rtmpose-state-dict';
import { normalizeHrnetStateDict } from './state-dict';
import { loadStateDict } from './torch/load';
import type { TorchTensor } from './torch/tensor';
import { tensorToFloat32 } from './torch/tensor';

export {
  countHrnetParams,
  countHrnetMacs,
  describeHrnet,
  hrnetParamShapes,
  HRNET_WIDTHS,
  type HrnetArchName,
} from './hrnet-arch';
export { buildHrnetGraph, HRNET_INPUT_NAME, HRNET_OUTPUT_NAME } from './hrnet';
export {
  countRtmposeParams,
  describeRtmpose,
  rtmposeParamShapes,
  RTMPOSE_SIZES,
  type RtmposeArchName,
  type RtmposeArchSpec,
} from './rtmpose-arch';
export { buildRtmposeGraph, RTMPOSE_INPUT_NAME, RTMPOSE_OUTPUT_NAMES } from './rtmpose';
export {
  writeOnnxModel,
  type OnnxGraph,
  type OnnxNode,
  type OnnxInitializer,
  type OnnxValueInfo,
  type OnnxAttribute,
} from './onnx-writer';
export { loadStateDict } from './torch/load';

export type HrnetArchSpec = HrnetArchName | { width: number };
/** Every architecture the converter builds: `hrnet-w32|w48`, `rtmpose-t|s|m|l`, or explicit sizes. */
export type PoseArchSpec = HrnetArchSpec | RtmposeArchSpec;
export const POSE_ARCH_NAMES = [...Object.keys(HRNET_WIDTHS), ...Object.keys(RTMPOSE_SIZES)] as (
  | HrnetArchName
  | RtmposeArchName
)[];

export interface ConvertOptions {
  checkpointPath: string;
  arch: PoseArchSpec;
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

export function isRtmposeSpec(arch: PoseArchSpec): arch is RtmposeArchSpec {
  return typeof arch === 'object' ? 'widenFactor' in arch : isRtmposeArchName(arch);
}

export function archWidth(arch: HrnetArchSpec): number {
  if (typeof arch === 'object') {
    if (!Number.isInteger(arch.width) || arch.width < 1)
      throw new Error(`Invalid HRNet width ${arch.width}. Should be a positive integer.`);
    return arch.width;
  }
  const width = HRNET_WIDTHS[arch];
  if (width === undefined)
    throw new Error(`Unknown architecture "${String(arch)}". Should be one of ${POSE_ARCH_NAMES.join(', ')}.`);
  return width;
}

/** Progress phases as fractions of the whole conversion (weights dominate the time). */
const PHASES = { read: 0.1, convert: 0.8, encode: 0.95, write: 1 } as const;
const PROGRESS_STEPS = 100;

type Report = (fraction: number, message: string) => void;
type GraphOptions = {
  float16?: boolean;
  foldBatchNorm?: boolean;
  metadata: Record<string, string>;
  onConv: (done: number, total: number) => void;
};

interface PreparedGraph {
  params: number;
  build: (weights: (name: string) => Float32Array, opts: GraphOptions) => OnnxGraph;
  /** Checks names and shapes; returns the tensors by the names the graph asks for. */
  normalize: (raw: Map<string, TorchTensor>, source: string) => Map<string, TorchTensor>;
}

function prepareGraph(opts: ConvertOptions): PreparedGraph {
  const { inputWidth, inputHeight } = opts;
  if (isRtmposeSpec(opts.arch)) {
    const arch = describeRtmpose(opts.arch, inputWidth, inputHeight);
    const shapes = rtmposeParamShapes(arch);
    return {
      params: countRtmposeParams(arch),
      build: (w, o) => buildRtmposeGraph(arch, w, o),
      normalize: (raw, source) => normalizeRtmposeStateDict(raw, shapes, arch, source),
    };
  }
  const width = archWidth(opts.arch);
  checkHrnetInputSize(inputWidth, inputHeight);
  const arch = describeHrnet(width, COCO_NUM_JOINTS);
  const shapes = hrnetParamShapes(arch);
  return {
    params: countHrnetParams(width),
    build: (w, o) => buildHrnetGraph(arch, w, { ...o, inputWidth, inputHeight }),
    normalize: (raw, source) => normalizeHrnetStateDict(raw, shapes, source).tensors,
  };
}

async function encodeAndWrite(graph: OnnxGraph, outPath: string, report: Report): Promise<void> {
  report(PHASES.convert, 'Encoding the ONNX model');
  const bytes = writeOnnxModel(graph);
  report(PHASES.encode, `Writing ${path.basename(outPath)}`);
  await writeFileAtomic(outPath, bytes);
  report(PHASES.write, 'Done');
}

export async function convertCheckpointToOnnx(opts: ConvertOptions): Promise<ConvertResult> {
  const prepared = prepareGraph(opts);
  const report: Report = (fraction, message) =>
    opts.onProgress?.({ done: Math.round(fraction * PROGRESS_STEPS), total: PROGRESS_STEPS, message });
  const source = opts.checkpointPath;

  report(0, `Reading ${path.basename(source)}`);
  const loaded = await loadStateDict(source);
  const tensors = prepared.normalize(loaded.tensors, source);
  report(PHASES.read, 'Building the ONNX graph');

  const weights = (name: string): Float32Array => tensorToFloat32(tensors.get(name)!, `${name} in ${source}`);
  const graph = prepared.build(weights, {
    float16: opts.float16,
    foldBatchNorm: opts.foldBatchNorm,
    metadata: { source_checkpoint: path.basename(source), source_format: loaded.format },
    onConv: (done, total) =>
      report(PHASES.read + (PHASES.convert - PHASES.read) * (done / total), 'Converting weights'),
  });
  await encodeAndWrite(graph, opts.outPath, report);
  return { params: prepared.params, outPath: opts.outPath };
}

/**
 * Writes an RTMPose ONNX model with seeded random weights (for speed benchmarks and runtime
 * tests: same graph and cost as a converted checkpoint). Returns the parameter count.
 */
export async function writeRandomRtmposeOnnx(
  arch: RtmposeArchSpec,
  inputWidth: number,
  inputHeight: number,
  outPath: string,
  seed = 1,
): Promise<number> {
  const described = describeRtmpose(arch, inputWidth, inputHeight);
  const weights = randomRtmposeWeights(described, seed);
  const graph = buildRtmposeGraph(described, (name) => weights.get(name)!.data, {
    metadata: { source_checkpoint: `random weights, seed ${seed}` },
  });
  await writeFileAtomic(outPath, writeOnnxModel(graph));
  return countRtmposeParams(described);
}
