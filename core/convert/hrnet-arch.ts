/**
 * The HRNet pose network (Sun et al., CVPR 2019) as a flat list of operations, following the
 * official configuration (w32_256x192_adam_lr1e-3.yaml and its W48 sibling):
 *   stem: two 3×3 stride-2 convs to 64 channels (+BN+ReLU), then layer1 = 4 Bottlenecks (64 → 256);
 *   stages 2/3/4 with 1/4/3 modules and 2/3/4 branches of widths C/2C/4C/8C, 4 BasicBlocks per
 *   branch, fuse layers (1×1 conv + BN + nearest upsample up, strided 3×3 conv + BN chains down,
 *   ReLU after every sum), the last module keeping only the highest-resolution branch;
 *   a final 1×1 conv to the heatmaps at 1/4 resolution.
 * Parameter names follow the official repository's state dict, so one description drives key
 * validation, parameter counts, FLOP counts and the ONNX graph.
 */
import { BN_TENSORS } from './bn-fold';

/** Channels of the stem and of layer1's bottleneck planes. */
export const HRNET_STEM_CHANNELS = 64;
export const HRNET_LAYER1_BLOCKS = 4;
export const BOTTLENECK_EXPANSION = 4;
/** Modules and branches of stages 2, 3 and 4. */
export const HRNET_STAGES: readonly { modules: number; branches: number }[] = [
  { modules: 1, branches: 2 },
  { modules: 4, branches: 3 },
  { modules: 3, branches: 4 },
];
export const HRNET_BLOCKS_PER_BRANCH = 4;
export const COCO_NUM_JOINTS = 17;
/** Heatmaps come out at 1/4 of the input size. */
export const HRNET_OUTPUT_STRIDE = 4;

export const HRNET_WIDTHS = { 'hrnet-w32': 32, 'hrnet-w48': 48 } as const;
export type HrnetArchName = keyof typeof HRNET_WIDTHS;

/** A convolution, optionally followed by BatchNorm (`bn` = its parameter prefix) and ReLU. */
export interface ConvOp {
  op: 'conv';
  input: string;
  output: string;
  /** Parameter prefix: `<conv>.weight` (and `<conv>.bias` when `bias`). */
  conv: string;
  bn: string | null;
  inChannels: number;
  outChannels: number;
  kernel: 1 | 3;
  stride: 1 | 2;
  bias: boolean;
  relu: boolean;
}

export interface AddOp {
  op: 'add';
  inputs: [string, string];
  output: string;
  relu: boolean;
}

export interface UpsampleOp {
  op: 'upsample';
  input: string;
  output: string;
  /** Integer nearest-neighbour factor on both axes. */
  factor: number;
}

export type ArchOp = ConvOp | AddOp | UpsampleOp;

export interface HrnetArch {
  width: number;
  numJoints: number;
  input: string;
  output: string;
  ops: ArchOp[];
  /** Downsampling factor of every value relative to the input (input = 1, heatmaps = 4). */
  strideOf: Map<string, number>;
}

class ArchBuilder {
  readonly ops: ArchOp[] = [];
  readonly strideOf = new Map<string, number>([['input', 1]]);
  private counter = 0;

  private fresh(stride: number): string {
    const name = `t${this.counter++}`;
    this.strideOf.set(name, stride);
    return name;
  }

  conv(
    input: string,
    conv: string,
    bn: string | null,
    inChannels: number,
    outChannels: number,
    kernel: 1 | 3,
    stride: 1 | 2,
    relu: boolean,
    bias = false,
  ): string {
    const output = this.fresh(this.strideOf.get(input)! * stride);
    this.ops.push({ op: 'conv', input, output, conv, bn, inChannels, outChannels, kernel, stride, bias, relu });
    return output;
  }

  add(a: string, b: string, relu: boolean): string {
    const output = this.fresh(this.strideOf.get(a)!);
    this.ops.push({ op: 'add', inputs: [a, b], output, relu });
    return output;
  }

  upsample(input: string, factor: number): string {
    const output = this.fresh(this.strideOf.get(input)! / factor);
    this.ops.push({ op: 'upsample', input, output, factor });
    return output;
  }

  /** torchvision-style Bottleneck (1×1, 3×3, 1×1 ×4) with a projection shortcut when shapes change. */
  bottleneck(x: string, prefix: string, inChannels: number, planes: number): string {
    const outChannels = planes * BOTTLENECK_EXPANSION;
    const a = this.conv(x, `${prefix}.conv1`, `${prefix}.bn1`, inChannels, planes, 1, 1, true);
    const b = this.conv(a, `${prefix}.conv2`, `${prefix}.bn2`, planes, planes, 3, 1, true);
    const c = this.conv(b, `${prefix}.conv3`, `${prefix}.bn3`, planes, outChannels, 1, 1, false);
    const shortcut =
      inChannels === outChannels
        ? x
        : this.conv(x, `${prefix}.downsample.0`, `${prefix}.downsample.1`, inChannels, outChannels, 1, 1, false);
    return this.add(c, shortcut, true);
  }

  basicBlock(x: string, prefix: string, inChannels: number, planes: number): string {
    const a = this.conv(x, `${prefix}.conv1`, `${prefix}.bn1`, inChannels, planes, 3, 1, true);
    const b = this.conv(a, `${prefix}.conv2`, `${prefix}.bn2`, planes, planes, 3, 1, false);
    const shortcut =
      inChannels === planes
        ? x
        : this.conv(x, `${prefix}.downsample.0`, `${prefix}.downsample.1`, inChannels, planes, 1, 1, false);
    return this.add(b, shortcut, true);
  }

  /** transitionN: adapt existing branches' widths, and grow a new branch by a stride-2 3×3 chain from the last one. */
  transition(name: string, inputs: string[], pre: number[], cur: number[]): string[] {
    return cur.map((channels, i) => {
      if (i < pre.length) {
        return channels === pre[i]
          ? inputs[i]
          : this.conv(inputs[i], `${name}.${i}.0`, `${name}.${i}.1`, pre[i], channels, 3, 1, true);
      }
      let x = inputs[inputs.length - 1];
      const steps = i + 1 - pre.length;
      for (let j = 0; j < steps; j++) {
        const inC = pre[pre.length - 1];
        const outC = j === steps - 1 ? channels : inC;
        x = this.conv(x, `${name}.${i}.${j}.0`, `${name}.${i}.${j}.1`, inC, outC, 3, 2, true);
      }
      return x;
    });
  }

  /** One HighResolutionModule: parallel branches of BasicBlocks, then exchange across resolutions. */
  hrModule(prefix: string, inputs: string[], channels: number[], multiScaleOutput: boolean): string[] {
    const branches = inputs.map((input, b) => {
      let x = input;
      for (let k = 0; k < HRNET_BLOCKS_PER_BRANCH; k++)
        x = this.basicBlock(x, `${prefix}.branches.${b}.${k}`, channels[b], channels[b]);
      return x;
    });
    const outputs = multiScaleOutput ? branches.length : 1;
    const fused: string[] = [];
    for (let i = 0; i < outputs; i++) {
      let sum: string | null = null;
      branches.forEach((x, j) => {
        const term =
          j === i
            ? x
            : j > i
              ? this.fuseUp(x, `${prefix}.fuse_layers.${i}.${j}`, channels[j], channels[i], 2 ** (j - i))
              : this.fuseDown(x, `${prefix}.fuse_layers.${i}.${j}`, channels[j], channels[i], i - j);
        // ReLU once, after the last term of the sum.
        sum = sum === null ? term : this.add(sum, term, j === branches.length - 1);
      });
      fused.push(sum!);
    }
    return fused;
  }

  private fuseUp(x: string, prefix: string, inC: number, outC: number, factor: number): string {
    return this.upsample(this.conv(x, `${prefix}.0`, `${prefix}.1`, inC, outC, 1, 1, false), factor);
  }

  private fuseDown(x: string, prefix: string, inC: number, outC: number, steps: number): string {
    for (let k = 0; k < steps; k++) {
      const last = k === steps - 1;
      x = this.conv(x, `${prefix}.${k}.0`, `${prefix}.${k}.1`, inC, last ? outC : inC, 3, 2, !last);
    }
    return x;
  }
}

/** Branch widths C, 2C, 4C, 8C for the first `branches` branches. */
export function branchWidths(width: number, branches: number): number[] {
  return Array.from({ length: branches }, (_, b) => width * 2 ** b);
}

export function describeHrnet(width: number, numJoints = COCO_NUM_JOINTS): HrnetArch {
  if (!Number.isInteger(width) || width < 1)
    throw new Error(`Invalid HRNet width ${width}. Should be a positive integer (32 for HRNet-W32, 48 for HRNet-W48).`);
  const g = new ArchBuilder();
  let x = g.conv('input', 'conv1', 'bn1', 3, HRNET_STEM_CHANNELS, 3, 2, true);
  x = g.conv(x, 'conv2', 'bn2', HRNET_STEM_CHANNELS, HRNET_STEM_CHANNELS, 3, 2, true);
  let channels = HRNET_STEM_CHANNELS;
  for (let k = 0; k < HRNET_LAYER1_BLOCKS; k++) {
    x = g.bottleneck(x, `layer1.${k}`, channels, HRNET_STEM_CHANNELS);
    channels = HRNET_STEM_CHANNELS * BOTTLENECK_EXPANSION;
  }
  let branches = [x];
  let pre = [channels];
  HRNET_STAGES.forEach((stage, s) => {
    const cur = branchWidths(width, stage.branches);
    branches = g.transition(`transition${s + 1}`, branches, pre, cur);
    for (let m = 0; m < stage.modules; m++) {
      const lastOfNetwork = s === HRNET_STAGES.length - 1 && m === stage.modules - 1;
      branches = g.hrModule(`stage${s + 2}.${m}`, branches, cur, !lastOfNetwork);
    }
    pre = cur;
  });
  const output = g.conv(branches[0], 'final_layer', null, width, numJoints, 1, 1, false, true);
  return { width, numJoints, input: 'input', output, ops: g.ops, strideOf: g.strideOf };
}

/** Every parameter and buffer the state dict must hold, with its shape (BN: weight, bias, running stats). */
export function hrnetParamShapes(arch: HrnetArch): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const op of arch.ops) {
    if (op.op !== 'conv') continue;
    shapes.set(`${op.conv}.weight`, [op.outChannels, op.inChannels, op.kernel, op.kernel]);
    if (op.bias) shapes.set(`${op.conv}.bias`, [op.outChannels]);
    if (op.bn) for (const p of BN_TENSORS) shapes.set(`${op.bn}.${p}`, [op.outChannels]);
  }
  return shapes;
}

/** BatchNorm buffers that are state, not learned parameters (excluded from parameter counts). */
const BN_BUFFERS = new Set(['running_mean', 'running_var']);

/** Learned parameters (as the paper counts them: conv weights and biases, BN scale and shift). */
export function countHrnetParams(width: number, numJoints = COCO_NUM_JOINTS): number {
  let total = 0;
  for (const [name, shape] of hrnetParamShapes(describeHrnet(width, numJoints))) {
    if (BN_BUFFERS.has(name.slice(name.lastIndexOf('.') + 1))) continue;
    total += shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

/**
 * Multiply-accumulates of one forward pass at `inputWidth × inputHeight` (what the HRNet paper
 * reports as "GFLOPs"): convolutions only, as in the paper's counter.
 */
export function countHrnetMacs(arch: HrnetArch, inputWidth: number, inputHeight: number): number {
  let macs = 0;
  for (const op of arch.ops) {
    if (op.op !== 'conv') continue;
    const stride = arch.strideOf.get(op.output)!;
    const outPixels = Math.ceil(inputHeight / stride) * Math.ceil(inputWidth / stride);
    macs += op.outChannels * op.inChannels * op.kernel * op.kernel * outPixels;
  }
  return macs;
}
