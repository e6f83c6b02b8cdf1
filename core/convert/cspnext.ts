/**
 * The CSPNeXt backbone (RTMDet, Lyu et al. 2022) as RTMPose configures it, as a flat list of
 * operations whose parameter prefixes are MMPose's state-dict names (`backbone.stage2.1.blocks.0…`):
 *   stem: three 3×3 ConvModules (stride 2, 1, 1) to C/2, C/2, C (C = 64 × widen);
 *   stages 1–4: a 3×3 stride-2 ConvModule (→ 128, 256, 512, 1024 × widen), in stage 4 an SPP
 *   bottleneck (1×1 to half, max pools 5/9/13 concatenated, 1×1 back), then a CSPLayer: main and
 *   short 1×1 branches of half width, the main one through round(3, 6, 6, 3 × deepen) CSPNeXt
 *   blocks (3×3 ConvModule, then a depthwise 5×5 and a pointwise 1×1 ConvModule; identity added in
 *   stages 1–3), concatenated, channel attention (global average, 1×1 conv, hard sigmoid, scale)
 *   and a final 1×1 ConvModule.
 * Every ConvModule is a bias-free convolution, BatchNorm and SiLU.
 */
import { BN_TENSORS } from './bn-fold';

/** in/out channels at widen 1, blocks at deepen 1, identity in the blocks, SPP (MMPose's 'P5'). */
const P5_STAGES: readonly {
  inChannels: number;
  outChannels: number;
  blocks: number;
  identity: boolean;
  spp: boolean;
}[] = [
  { inChannels: 64, outChannels: 128, blocks: 3, identity: true, spp: false },
  { inChannels: 128, outChannels: 256, blocks: 6, identity: true, spp: false },
  { inChannels: 256, outChannels: 512, blocks: 6, identity: true, spp: false },
  { inChannels: 512, outChannels: 1024, blocks: 3, identity: false, spp: true },
];
export const SPP_KERNELS = [5, 9, 13] as const;
export const CSPNEXT_BLOCK_KERNEL = 5;
/** The backbone's output is at 1/32 of the input. */
export const CSPNEXT_OUTPUT_STRIDE = 32;
const EXPAND_RATIO = 0.5;

/** Convolution + BatchNorm + SiLU (mmcv's ConvModule): `<prefix>.conv.weight`, `<prefix>.bn.*`. */
export interface ConvModuleOp {
  op: 'conv';
  input: string;
  output: string;
  prefix: string;
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride: 1 | 2;
  /** inChannels for depthwise convolutions, else 1. */
  groups: number;
}

export type BackboneOp =
  | ConvModuleOp
  | { op: 'add'; inputs: [string, string]; output: string }
  | { op: 'concat'; inputs: string[]; output: string }
  | { op: 'maxpool'; input: string; output: string; kernel: number }
  /** x · hardsigmoid(fc(mean over H, W of x)), fc a 1×1 conv with bias: `<prefix>.fc.*`. */
  | { op: 'attention'; input: string; output: string; prefix: string; channels: number };

export interface CspnextArch {
  input: string;
  output: string;
  outChannels: number;
  ops: BackboneOp[];
}

/** Python's round() (halves to even), as MMPose computes the number of blocks. */
export function pythonRound(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

class BackboneBuilder {
  readonly ops: BackboneOp[] = [];
  private counter = 0;

  private fresh(): string {
    return `b${this.counter++}`;
  }

  conv(
    input: string,
    prefix: string,
    inChannels: number,
    outChannels: number,
    kernel: number,
    stride: 1 | 2 = 1,
    groups = 1,
  ): string {
    const output = this.fresh();
    this.ops.push({ op: 'conv', input, output, prefix, inChannels, outChannels, kernel, stride, groups });
    return output;
  }

  private push(op: BackboneOp): string {
    this.ops.push(op);
    return op.output;
  }

  spp(x: string, prefix: string, channels: number): string {
    const mid = Math.floor(channels / 2);
    const reduced = this.conv(x, `${prefix}.conv1`, channels, mid, 1);
    const pooled = SPP_KERNELS.map((kernel) =>
      this.push({ op: 'maxpool', input: reduced, output: this.fresh(), kernel }),
    );
    const cat = this.push({ op: 'concat', inputs: [reduced, ...pooled], output: this.fresh() });
    return this.conv(cat, `${prefix}.conv2`, mid * (SPP_KERNELS.length + 1), channels, 1);
  }

  block(x: string, prefix: string, channels: number, identity: boolean): string {
    const a = this.conv(x, `${prefix}.conv1`, channels, channels, 3);
    const b = this.conv(a, `${prefix}.conv2.depthwise_conv`, channels, channels, CSPNEXT_BLOCK_KERNEL, 1, channels);
    const c = this.conv(b, `${prefix}.conv2.pointwise_conv`, channels, channels, 1);
    return identity ? this.push({ op: 'add', inputs: [c, x], output: this.fresh() }) : c;
  }

  cspLayer(x: string, prefix: string, channels: number, blocks: number, identity: boolean): string {
    const mid = Math.floor(channels * EXPAND_RATIO);
    const short = this.conv(x, `${prefix}.short_conv`, channels, mid, 1);
    let main = this.conv(x, `${prefix}.main_conv`, channels, mid, 1);
    for (let k = 0; k < blocks; k++) main = this.block(main, `${prefix}.blocks.${k}`, mid, identity);
    const cat = this.push({ op: 'concat', inputs: [main, short], output: this.fresh() });
    const attended = this.push({
      op: 'attention',
      input: cat,
      output: this.fresh(),
      prefix: `${prefix}.attention`,
      channels: 2 * mid,
    });
    return this.conv(attended, `${prefix}.final_conv`, 2 * mid, channels, 1);
  }
}

/** MMPose's CSPNeXt('P5', expand_ratio 0.5, channel attention) with the given factors. */
export function describeCspnext(deepenFactor: number, widenFactor: number, prefix = 'backbone'): CspnextArch {
  if (!(widenFactor > 0) || !(deepenFactor > 0))
    throw new Error(`Invalid CSPNeXt factors deepen ${deepenFactor}, widen ${widenFactor}. Should be positive.`);
  const g = new BackboneBuilder();
  const stemOut = Math.floor(P5_STAGES[0].inChannels * widenFactor);
  const stemMid = Math.floor(Math.floor(P5_STAGES[0].inChannels * widenFactor) / 2);
  if (stemMid < 1)
    throw new Error(`CSPNeXt widen factor ${widenFactor} is too small (the stem would have no channels).`);
  let x = g.conv('input', `${prefix}.stem.0`, 3, stemMid, 3, 2);
  x = g.conv(x, `${prefix}.stem.1`, stemMid, stemMid, 3);
  x = g.conv(x, `${prefix}.stem.2`, stemMid, stemOut, 3);
  let channels = stemOut;
  P5_STAGES.forEach((stage, i) => {
    const name = `${prefix}.stage${i + 1}`;
    const outChannels = Math.floor(stage.outChannels * widenFactor);
    const blocks = Math.max(pythonRound(stage.blocks * deepenFactor), 1);
    x = g.conv(x, `${name}.0`, channels, outChannels, 3, 2);
    if (stage.spp) x = g.spp(x, `${name}.1`, outChannels);
    x = g.cspLayer(x, `${name}.${stage.spp ? 2 : 1}`, outChannels, blocks, stage.identity);
    channels = outChannels;
  });
  return { input: 'input', output: x, outChannels: channels, ops: g.ops };
}

/** Every backbone tensor of the state dict with its shape (BatchNorm running stats included). */
export function cspnextParamShapes(arch: CspnextArch): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const op of arch.ops) {
    if (op.op === 'conv') {
      shapes.set(`${op.prefix}.conv.weight`, [op.outChannels, op.inChannels / op.groups, op.kernel, op.kernel]);
      for (const p of BN_TENSORS) shapes.set(`${op.prefix}.bn.${p}`, [op.outChannels]);
    } else if (op.op === 'attention') {
      shapes.set(`${op.prefix}.fc.weight`, [op.channels, op.channels, 1, 1]);
      shapes.set(`${op.prefix}.fc.bias`, [op.channels]);
    }
  }
  return shapes;
}
