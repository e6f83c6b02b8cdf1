/**
 * Turns an HRNet description plus its weights into an ONNX graph: Conv (BatchNorm folded in, or
 * kept as BatchNormalization nodes), Relu, Add and nearest Resize, with a dynamic batch dimension
 * and optionally float16 weights behind float32 inputs and outputs.
 */
import { BATCH_NORM_EPSILON, foldBatchNorm } from './bn-fold';
import { GraphEmitter, type WeightLookup } from './graph-emitter';
import { HRNET_OUTPUT_STRIDE, type ArchOp, type ConvOp, type HrnetArch } from './hrnet-arch';
import { ONNX_DATA_TYPE } from './onnx-proto';
import { DEFAULT_OPSET, type OnnxGraph } from './onnx-writer';

/** Names the model store's manifests expect (models/hrnet-*.json). */
export const HRNET_INPUT_NAME = 'input';
export const HRNET_OUTPUT_NAME = 'heatmaps';
export const DYNAMIC_BATCH_DIM = 'N';

/** Returns a parameter's values as float32 (the caller validated names and shapes beforehand). */

export interface HrnetGraphOptions {
  inputWidth: number;
  inputHeight: number;
  /** Store weights as float16 (half the file size; for GPU providers). Inputs/outputs stay float32. */
  float16?: boolean;
  /** Fold BatchNorm into the convolutions (default true). */
  foldBatchNorm?: boolean;
  metadata?: Record<string, string>;
  /** Called after each convolution's weights are prepared. */
  onConv?: (done: number, total: number) => void;
}

function emitConv(g: GraphEmitter, op: ConvOp, weights: WeightLookup, fold: boolean): void {
  const dims = [op.outChannels, op.inChannels, op.kernel, op.kernel];
  const pad = (op.kernel - 1) / 2;
  const attributes = {
    kernel_shape: { ints: [op.kernel, op.kernel] },
    strides: { ints: [op.stride, op.stride] },
    pads: { ints: [pad, pad, pad, pad] },
  };
  const convWeight = weights(`${op.conv}.weight`);
  const convBias = op.bias ? weights(`${op.conv}.bias`) : null;
  const convOut = op.relu || (op.bn && !fold) ? `${op.output}_conv` : op.output;
  let out: string;
  if (op.bn && fold) {
    const bn = {
      weight: weights(`${op.bn}.weight`),
      bias: weights(`${op.bn}.bias`),
      runningMean: weights(`${op.bn}.running_mean`),
      runningVar: weights(`${op.bn}.running_var`),
    };
    const folded = foldBatchNorm(convWeight, convBias, bn);
    const inputs = [
      op.input,
      g.weight(`${op.conv}.weight`, dims, folded.weight),
      g.weight(`${op.conv}.bias`, [op.outChannels], folded.bias),
    ];
    out = g.node('Conv', op.conv, inputs, convOut, attributes);
  } else {
    const inputs = [op.input, g.weight(`${op.conv}.weight`, dims, convWeight)];
    if (convBias) inputs.push(g.weight(`${op.conv}.bias`, [op.outChannels], convBias));
    out = g.node('Conv', op.conv, inputs, convOut, attributes);
    if (op.bn) {
      const bnInputs = ['weight', 'bias', 'running_mean', 'running_var'].map((p) =>
        g.weight(`${op.bn}.${p}`, [op.outChannels], weights(`${op.bn}.${p}`)),
      );
      out = g.node('BatchNormalization', op.bn, [out, ...bnInputs], op.relu ? `${op.output}_bn` : op.output, {
        epsilon: { float: BATCH_NORM_EPSILON },
      });
    }
  }
  if (op.relu) g.node('Relu', `${op.conv}.relu`, [out], op.output);
}

function emitOp(g: GraphEmitter, op: ArchOp, weights: WeightLookup, fold: boolean): void {
  switch (op.op) {
    case 'conv':
      return emitConv(g, op, weights, fold);
    case 'add': {
      const sum = g.node('Add', `${op.output}.add`, op.inputs, op.relu ? `${op.output}_sum` : op.output);
      if (op.relu) g.node('Relu', `${op.output}.relu`, [sum], op.output);
      return;
    }
    case 'upsample':
      // Nearest with asymmetric coordinates and floor rounding is exactly PyTorch's nn.Upsample(mode='nearest') for integer factors.
      g.node(
        'Resize',
        `${op.output}.upsample`,
        [op.input, '', g.float32Constant(`upsample_scales_x${op.factor}`, [4], [1, 1, op.factor, op.factor])],
        op.output,
        {
          mode: { string: 'nearest' },
          coordinate_transformation_mode: { string: 'asymmetric' },
          nearest_mode: { string: 'floor' },
        },
      );
      return;
  }
}

/** Input sizes must be multiples of 32 so every branch's resolution halves exactly. */
export const HRNET_INPUT_MULTIPLE = 32;

export function checkHrnetInputSize(inputWidth: number, inputHeight: number): void {
  for (const [name, value] of [
    ['inputWidth', inputWidth],
    ['inputHeight', inputHeight],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0 || value % HRNET_INPUT_MULTIPLE !== 0) {
      throw new Error(
        `Invalid ${name} ${value}. Should be a positive multiple of ${HRNET_INPUT_MULTIPLE} (e.g. 192×256 or 288×384).`,
      );
    }
  }
}

export function buildHrnetGraph(arch: HrnetArch, weights: WeightLookup, opts: HrnetGraphOptions): OnnxGraph {
  checkHrnetInputSize(opts.inputWidth, opts.inputHeight);
  const float16 = opts.float16 ?? false;
  const fold = opts.foldBatchNorm ?? true;
  const g = new GraphEmitter(float16);
  // In float16 mode the graph computes in half precision between two Casts.
  const castIn = float16
    ? g.node('Cast', 'input.cast', [HRNET_INPUT_NAME], 'input_f16', { to: { int: ONNX_DATA_TYPE.float16 } })
    : HRNET_INPUT_NAME;
  const renamed = (name: string): string =>
    name === arch.input ? castIn : name === arch.output ? (float16 ? 'heatmaps_f16' : HRNET_OUTPUT_NAME) : name;
  const totalConvs = arch.ops.filter((op) => op.op === 'conv').length;
  let convs = 0;
  for (const op of arch.ops) {
    const mapped =
      op.op === 'add'
        ? { ...op, inputs: op.inputs.map(renamed) as [string, string], output: renamed(op.output) }
        : { ...op, input: renamed(op.input), output: renamed(op.output) };
    emitOp(g, mapped, weights, fold);
    if (op.op === 'conv') opts.onConv?.(++convs, totalConvs);
  }
  if (float16)
    g.node('Cast', 'heatmaps.cast', ['heatmaps_f16'], HRNET_OUTPUT_NAME, { to: { int: ONNX_DATA_TYPE.float32 } });
  const [outW, outH] = [opts.inputWidth / HRNET_OUTPUT_STRIDE, opts.inputHeight / HRNET_OUTPUT_STRIDE];
  return {
    name: `hrnet_w${arch.width}`,
    inputs: [
      { name: HRNET_INPUT_NAME, type: 'float32', shape: [DYNAMIC_BATCH_DIM, 3, opts.inputHeight, opts.inputWidth] },
    ],
    outputs: [{ name: HRNET_OUTPUT_NAME, type: 'float32', shape: [DYNAMIC_BATCH_DIM, arch.numJoints, outH, outW] }],
    nodes: g.nodes,
    initializers: g.initializers,
    opsetVersion: DEFAULT_OPSET,
    docString: `HRNet-W${arch.width} top-down pose network (${arch.numJoints} heatmaps at 1/${HRNET_OUTPUT_STRIDE} of the input), converted from a PyTorch checkpoint.`,
    metadata: {
      architecture: `hrnet-w${arch.width}`,
      input_size: `${opts.inputWidth}x${opts.inputHeight}`,
      batchnorm: fold ? 'folded' : 'separate',
      weights: float16 ? 'float16' : 'float32',
      ...opts.metadata,
    },
  };
}
