/**
 * Turns an RTMPose description plus its weights into an ONNX graph: the CSPNeXt backbone as Conv
 * (BatchNorm folded in, or kept), SiLU as x·sigmoid(x), MaxPool, Concat, GlobalAveragePool and
 * HardSigmoid; the RTMCC head as Conv, ReduceL2, MatMul and element-wise ops. Input `input`
 * [N, 3, H, W] float32; outputs `simcc_x` [N, K, 2W] and `simcc_y` [N, K, 2H], the raw logits
 * MMPose decodes.
 */
import { BATCH_NORM_EPSILON, foldBatchNorm } from './bn-fold';
import type { BackboneOp, ConvModuleOp } from './cspnext';
import { GraphEmitter } from './graph-emitter';
import { ONNX_DATA_TYPE } from './onnx-proto';
import { DEFAULT_OPSET, type OnnxGraph } from './onnx-writer';
import type { WeightLookup } from './graph-emitter';
import { emitRtmccHead } from './rtmcc-head';
import type { RtmposeArch } from './rtmpose-arch';

/** Names the runtime and the model manifests rely on. */
export const RTMPOSE_INPUT_NAME = 'input';
export const RTMPOSE_OUTPUT_NAMES = { x: 'simcc_x', y: 'simcc_y' } as const;
const DYNAMIC_BATCH_DIM = 'N';
/** torch.nn.Hardsigmoid: relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1). */
const HARD_SIGMOID = { alpha: 1 / 6, beta: 0.5 };

export interface RtmposeGraphOptions {
  /** Store weights as float16 (half the file size; for GPU providers). Inputs/outputs stay float32. */
  float16?: boolean;
  /** Fold BatchNorm into the convolutions (default true). */
  foldBatchNorm?: boolean;
  metadata?: Record<string, string>;
  /** Called after each backbone convolution's weights are prepared. */
  onConv?: (done: number, total: number) => void;
}

function emitConvModule(
  g: GraphEmitter,
  op: ConvModuleOp,
  input: string,
  weights: WeightLookup,
  fold: boolean,
): string {
  const dims = [op.outChannels, op.inChannels / op.groups, op.kernel, op.kernel];
  const pad = Math.floor(op.kernel / 2);
  const attributes = {
    kernel_shape: { ints: [op.kernel, op.kernel] },
    strides: { ints: [op.stride, op.stride] },
    pads: { ints: [pad, pad, pad, pad] },
    group: { int: op.groups },
  };
  const [conv, bn] = [`${op.prefix}.conv`, `${op.prefix}.bn`];
  const convWeight = weights(`${conv}.weight`);
  const stats = (p: string): Float32Array => weights(`${bn}.${p}`);
  let out: string;
  if (fold) {
    const folded = foldBatchNorm(convWeight, null, {
      weight: stats('weight'),
      bias: stats('bias'),
      runningMean: stats('running_mean'),
      runningVar: stats('running_var'),
    });
    const inputs = [
      input,
      g.weight(`${conv}.weight`, dims, folded.weight),
      g.weight(`${conv}.bias`, [op.outChannels], folded.bias),
    ];
    out = g.node('Conv', conv, inputs, `${op.output}_conv`, attributes);
  } else {
    out = g.node('Conv', conv, [input, g.weight(`${conv}.weight`, dims, convWeight)], `${op.output}_conv`, attributes);
    const bnInputs = ['weight', 'bias', 'running_mean', 'running_var'].map((p) =>
      g.weight(`${bn}.${p}`, [op.outChannels], stats(p)),
    );
    out = g.node('BatchNormalization', bn, [out, ...bnInputs], `${op.output}_bn`, {
      epsilon: { float: BATCH_NORM_EPSILON },
    });
  }
  const sigmoid = g.node('Sigmoid', `${op.prefix}.sigmoid`, [out], `${op.output}_sigmoid`);
  return g.node('Mul', `${op.prefix}.silu`, [out, sigmoid], op.output);
}

function emitBackboneOp(
  g: GraphEmitter,
  op: BackboneOp,
  name: (value: string) => string,
  weights: WeightLookup,
  fold: boolean,
): void {
  switch (op.op) {
    case 'conv':
      emitConvModule(g, op, name(op.input), weights, fold);
      return;
    case 'add':
      g.node('Add', `${op.output}.add`, op.inputs.map(name), op.output);
      return;
    case 'concat':
      g.node('Concat', `${op.output}.concat`, op.inputs.map(name), op.output, { axis: { int: 1 } });
      return;
    case 'maxpool': {
      const pad = Math.floor(op.kernel / 2);
      g.node('MaxPool', `${op.output}.maxpool`, [name(op.input)], op.output, {
        kernel_shape: { ints: [op.kernel, op.kernel] },
        strides: { ints: [1, 1] },
        pads: { ints: [pad, pad, pad, pad] },
      });
      return;
    }
    case 'attention': {
      const fc = `${op.prefix}.fc`;
      const pooled = g.node('GlobalAveragePool', `${op.prefix}.pool`, [name(op.input)], `${op.output}_pooled`);
      const fcInputs = [
        pooled,
        g.weight(`${fc}.weight`, [op.channels, op.channels, 1, 1], weights(`${fc}.weight`)),
        g.weight(`${fc}.bias`, [op.channels], weights(`${fc}.bias`)),
      ];
      const logits = g.node('Conv', fc, fcInputs, `${op.output}_fc`, { kernel_shape: { ints: [1, 1] } });
      const gate = g.node('HardSigmoid', `${op.prefix}.act`, [logits], `${op.output}_gate`, {
        alpha: { float: HARD_SIGMOID.alpha },
        beta: { float: HARD_SIGMOID.beta },
      });
      g.node('Mul', `${op.prefix}.scale`, [name(op.input), gate], op.output);
      return;
    }
  }
}

export function buildRtmposeGraph(arch: RtmposeArch, weights: WeightLookup, opts: RtmposeGraphOptions = {}): OnnxGraph {
  const float16 = opts.float16 ?? false;
  const fold = opts.foldBatchNorm ?? true;
  const g = new GraphEmitter(float16);
  // In float16 mode the graph computes in half precision between Casts.
  const input = float16
    ? g.node('Cast', 'input.cast', [RTMPOSE_INPUT_NAME], 'input_f16', { to: { int: ONNX_DATA_TYPE.float16 } })
    : RTMPOSE_INPUT_NAME;
  const name = (value: string): string => (value === arch.backbone.input ? input : value);
  const totalConvs = arch.backbone.ops.filter((op) => op.op === 'conv').length;
  let convs = 0;
  for (const op of arch.backbone.ops) {
    emitBackboneOp(g, op, name, weights, fold);
    if (op.op === 'conv') opts.onConv?.(++convs, totalConvs);
  }
  const outputs = float16 ? { x: 'simcc_x_f16', y: 'simcc_y_f16' } : RTMPOSE_OUTPUT_NAMES;
  emitRtmccHead(g, arch.backbone.output, arch.head, weights, outputs);
  if (float16) {
    for (const axis of ['x', 'y'] as const)
      g.node('Cast', `${RTMPOSE_OUTPUT_NAMES[axis]}.cast`, [outputs[axis]], RTMPOSE_OUTPUT_NAMES[axis], {
        to: { int: ONNX_DATA_TYPE.float32 },
      });
  }
  const { head } = arch;
  return {
    name: arch.name.replace(/[^a-z0-9]/gi, '_'),
    inputs: [
      { name: RTMPOSE_INPUT_NAME, type: 'float32', shape: [DYNAMIC_BATCH_DIM, 3, arch.inputHeight, arch.inputWidth] },
    ],
    outputs: [
      { name: RTMPOSE_OUTPUT_NAMES.x, type: 'float32', shape: [DYNAMIC_BATCH_DIM, head.numJoints, head.simccWidth] },
      { name: RTMPOSE_OUTPUT_NAMES.y, type: 'float32', shape: [DYNAMIC_BATCH_DIM, head.numJoints, head.simccHeight] },
    ],
    nodes: g.nodes,
    initializers: g.initializers,
    opsetVersion: DEFAULT_OPSET,
    docString: `${arch.name} top-down pose network (CSPNeXt + RTMCC head, SimCC logits for ${head.numJoints} keypoints at split ratio ${arch.simccSplitRatio}), converted from a PyTorch checkpoint.`,
    metadata: {
      architecture: arch.name,
      input_size: `${arch.inputWidth}x${arch.inputHeight}`,
      simcc_split_ratio: String(arch.simccSplitRatio),
      batchnorm: fold ? 'folded' : 'separate',
      weights: float16 ? 'float16' : 'float32',
      ...opts.metadata,
    },
  };
}
