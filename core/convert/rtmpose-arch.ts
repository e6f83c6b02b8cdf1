/**
 * RTMPose (Jiang et al. 2023) top-down pose networks: a CSPNeXt backbone and the RTMCC head with
 * SimCC outputs, sized as MMPose's published body configs (projects/rtmpose, COCO-17 keypoints):
 *   t: deepen 0.167, widen 0.375 → 384 head channels;  s: 0.33 / 0.5 → 512;
 *   m: 0.67 / 0.75 → 768;  l: 1.0 / 1.0 → 1024;
 * head: final_layer kernel 7, hidden 256, s 128, expansion 2, split ratio 2.0.
 * The same description gives the state-dict names and shapes, parameter counts and the graph.
 */
import { CSPNEXT_OUTPUT_STRIDE, cspnextParamShapes, describeCspnext, type CspnextArch } from './cspnext';
import { rtmccHeadParamShapes, type RtmccHeadSpec } from './rtmcc-head';

export const RTMPOSE_SIZES = {
  'rtmpose-t': { deepenFactor: 0.167, widenFactor: 0.375 },
  'rtmpose-s': { deepenFactor: 0.33, widenFactor: 0.5 },
  'rtmpose-m': { deepenFactor: 0.67, widenFactor: 0.75 },
  'rtmpose-l': { deepenFactor: 1.0, widenFactor: 1.0 },
} as const;
export type RtmposeArchName = keyof typeof RTMPOSE_SIZES;

export function isRtmposeArchName(name: unknown): name is RtmposeArchName {
  return typeof name === 'string' && Object.hasOwn(RTMPOSE_SIZES, name);
}

/** What the configs fix for every size. */
export const RTMPOSE_HEAD_DEFAULTS = {
  finalLayerKernel: 7,
  hiddenDims: 256,
  attentionDims: 128,
  expansionFactor: 2,
  simccSplitRatio: 2.0,
} as const;
export const RTMPOSE_NUM_JOINTS = 17;

/** A size by name, or explicit factors and head sizes (the golden fixtures use a tiny one). */
export type RtmposeArchSpec =
  | RtmposeArchName
  | { deepenFactor: number; widenFactor: number; hiddenDims?: number; attentionDims?: number; numJoints?: number };

export interface RtmposeArch {
  name: string;
  backbone: CspnextArch;
  head: RtmccHeadSpec;
  inputWidth: number;
  inputHeight: number;
  simccSplitRatio: number;
}

export function checkRtmposeInputSize(inputWidth: number, inputHeight: number): void {
  for (const [name, value] of [
    ['inputWidth', inputWidth],
    ['inputHeight', inputHeight],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0 || value % CSPNEXT_OUTPUT_STRIDE !== 0) {
      throw new Error(
        `Invalid ${name} ${value}. Should be a positive multiple of ${CSPNEXT_OUTPUT_STRIDE} (e.g. 192×256 or 288×384).`,
      );
    }
  }
}

function archName(spec: RtmposeArchSpec): string {
  return typeof spec === 'string' ? spec : `rtmpose-d${spec.deepenFactor}-w${spec.widenFactor}`;
}

export function describeRtmpose(spec: RtmposeArchSpec, inputWidth: number, inputHeight: number): RtmposeArch {
  if (typeof spec === 'string' && !isRtmposeArchName(spec)) {
    throw new Error(
      `Unknown architecture "${String(spec)}". Should be one of ${Object.keys(RTMPOSE_SIZES).join(', ')}.`,
    );
  }
  checkRtmposeInputSize(inputWidth, inputHeight);
  const factors = typeof spec === 'string' ? RTMPOSE_SIZES[spec] : spec;
  const custom: Exclude<RtmposeArchSpec, string> | Record<string, never> = typeof spec === 'string' ? {} : spec;
  const backbone = describeCspnext(factors.deepenFactor, factors.widenFactor);
  const ratio = RTMPOSE_HEAD_DEFAULTS.simccSplitRatio;
  const head: RtmccHeadSpec = {
    inChannels: backbone.outChannels,
    numJoints: custom.numJoints ?? RTMPOSE_NUM_JOINTS,
    finalLayerKernel: RTMPOSE_HEAD_DEFAULTS.finalLayerKernel,
    featureWidth: inputWidth / CSPNEXT_OUTPUT_STRIDE,
    featureHeight: inputHeight / CSPNEXT_OUTPUT_STRIDE,
    hiddenDims: custom.hiddenDims ?? RTMPOSE_HEAD_DEFAULTS.hiddenDims,
    attentionDims: custom.attentionDims ?? RTMPOSE_HEAD_DEFAULTS.attentionDims,
    expansionFactor: RTMPOSE_HEAD_DEFAULTS.expansionFactor,
    simccWidth: Math.floor(inputWidth * ratio),
    simccHeight: Math.floor(inputHeight * ratio),
  };
  return { name: archName(spec), backbone, head, inputWidth, inputHeight, simccSplitRatio: ratio };
}

/** Every tensor the state dict must hold (MMPose names, `backbone.` and `head.`), with its shape. */
export function rtmposeParamShapes(arch: RtmposeArch): Map<string, number[]> {
  return new Map([...cspnextParamShapes(arch.backbone), ...rtmccHeadParamShapes(arch.head)]);
}

/** BatchNorm buffers: state, not learned parameters. */
const BUFFER_SUFFIXES = ['.running_mean', '.running_var'];

/** Learned parameters, as MMPose's tables count them (BatchNorm scale and shift included). */
export function countRtmposeParams(arch: RtmposeArch): number {
  let total = 0;
  for (const [name, shape] of rtmposeParamShapes(arch)) {
    if (BUFFER_SUFFIXES.some((s) => name.endsWith(s))) continue;
    total += shape.reduce((a, b) => a * b, 1);
  }
  return total;
}
