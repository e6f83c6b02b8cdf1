/**
 * RTMPose's RTMCC head (MMPose's RTMCCHead with RTMCCBlock, self-attention, no relative position
 * bias, no rotary encoding, SiLU — as every RTMPose config sets it), its state-dict tensors and its
 * ONNX nodes:
 *   final_layer: k×k conv (with bias) to one map per keypoint, flattened to [N, K, h·w];
 *   mlp: ScaleNorm then a bias-free Linear to `hidden` dims;
 *   gau: ScaleNorm, uv Linear to 2e + s, SiLU, split into u, v, base; q, k = base·γ + β (offset
 *   scale); kernel = relu(q kᵀ / √s)²; o Linear of u ⊙ (kernel v); plus the input scaled per dim;
 *   cls_x / cls_y: bias-free Linears to the SimCC bins (input size × split ratio).
 * ScaleNorm(x) = x / max(‖x‖₂ · d^-½, ε) · g over the last axis, d its length.
 */
import type { GraphEmitter, WeightLookup } from './graph-emitter';

/** ScaleNorm's clamp and RTMCCBlock's eps (MMPose's defaults, unchanged by the configs). */
export const SCALE_NORM_EPSILON = 1e-5;

export interface RtmccHeadSpec {
  inChannels: number;
  numJoints: number;
  finalLayerKernel: number;
  /** Backbone output size (input / 32): the flattened length is featureWidth × featureHeight. */
  featureWidth: number;
  featureHeight: number;
  hiddenDims: number;
  /** The attention feature size s. */
  attentionDims: number;
  expansionFactor: number;
  /** SimCC bins: input width / height × split ratio. */
  simccWidth: number;
  simccHeight: number;
}

/** Every head tensor of the state dict with its shape, under `prefix` ('head'). */
export function rtmccHeadParamShapes(spec: RtmccHeadSpec, prefix = 'head'): Map<string, number[]> {
  const e = spec.hiddenDims * spec.expansionFactor;
  const flat = spec.featureWidth * spec.featureHeight;
  const k = spec.finalLayerKernel;
  return new Map<string, number[]>([
    [`${prefix}.final_layer.weight`, [spec.numJoints, spec.inChannels, k, k]],
    [`${prefix}.final_layer.bias`, [spec.numJoints]],
    [`${prefix}.mlp.0.g`, [1]],
    [`${prefix}.mlp.1.weight`, [spec.hiddenDims, flat]],
    [`${prefix}.gau.gamma`, [2, spec.attentionDims]],
    [`${prefix}.gau.beta`, [2, spec.attentionDims]],
    [`${prefix}.gau.o.weight`, [spec.hiddenDims, e]],
    [`${prefix}.gau.uv.weight`, [2 * e + spec.attentionDims, spec.hiddenDims]],
    [`${prefix}.gau.ln.g`, [1]],
    [`${prefix}.gau.res_scale.scale`, [spec.hiddenDims]],
    [`${prefix}.cls_x.weight`, [spec.simccWidth, spec.hiddenDims]],
    [`${prefix}.cls_y.weight`, [spec.simccHeight, spec.hiddenDims]],
  ]);
}

/** [out, in] row-major (PyTorch's Linear) → [in, out], so that MatMul(x, Wᵀ) is the Linear. */
export function transposeMatrix(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

class HeadEmitter {
  constructor(
    private readonly g: GraphEmitter,
    private readonly weights: WeightLookup,
    private readonly prefix: string,
  ) {}

  private name(local: string): string {
    return `${this.prefix}.${local}`;
  }

  /** A bias-free nn.Linear(inDims → outDims) on the last axis. */
  linear(x: string, local: string, inDims: number, outDims: number, output = `${this.name(local)}_out`): string {
    const weight = this.g.weight(
      `${this.name(local)}.weight_t`,
      [inDims, outDims],
      transposeMatrix(this.weights(`${this.name(local)}.weight`), outDims, inDims),
    );
    return this.g.node('MatMul', this.name(local), [x, weight], output);
  }

  scaleNorm(x: string, local: string, dims: number): string {
    const n = this.name(local);
    const g = this.g;
    const norm = g.node('ReduceL2', `${n}.norm`, [x], `${n}_norm`, { axes: { ints: [-1] }, keepdims: { int: 1 } });
    const scaled = g.node(
      'Mul',
      `${n}.scale`,
      [norm, g.constant(`${n}.inv_sqrt_dim`, [], [dims ** -0.5])],
      `${n}_scaled`,
    );
    const clamped = g.node(
      'Max',
      `${n}.clamp`,
      [scaled, g.constant('scale_norm_eps', [], [SCALE_NORM_EPSILON])],
      `${n}_clamped`,
    );
    const divided = g.node('Div', `${n}.div`, [x, clamped], `${n}_div`);
    return g.node('Mul', `${n}.g`, [divided, g.weight(`${n}.g`, [], this.weights(`${n}.g`))], `${n}_out`);
  }

  silu(x: string, name: string): string {
    const sigmoid = this.g.node('Sigmoid', `${name}.sigmoid`, [x], `${name}_sigmoid`);
    return this.g.node('Mul', `${name}.silu`, [x, sigmoid], `${name}_silu`);
  }

  /** base · γ[row] + β[row]: one of the two offset-scaled copies (q for row 0, k for row 1). */
  offsetScale(base: string, row: number, s: number): string {
    const n = this.name('gau');
    const pick = (param: string): string =>
      this.g.weight(`${n}.${param}.${row}`, [s], this.weights(`${n}.${param}`).slice(row * s, (row + 1) * s));
    const scaled = this.g.node('Mul', `${n}.gamma.${row}`, [base, pick('gamma')], `${n}_scaled_${row}`);
    return this.g.node('Add', `${n}.beta.${row}`, [scaled, pick('beta')], `${n}_${row === 0 ? 'q' : 'k'}`);
  }

  gau(x: string, spec: RtmccHeadSpec): string {
    const n = this.name('gau');
    const g = this.g;
    const [h, s, e] = [spec.hiddenDims, spec.attentionDims, spec.hiddenDims * spec.expansionFactor];
    const normed = this.scaleNorm(x, 'gau.ln', h);
    const uv = this.silu(this.linear(normed, 'gau.uv', h, 2 * e + s), n + '.uv');
    const [u, v, base] = g.multiNode(
      'Split',
      `${n}.split`,
      [uv, g.int64Constant(`${n}.split_sizes`, [e, e, s])],
      [`${n}_u`, `${n}_v`, `${n}_base`],
      { axis: { int: 2 } },
    );
    const q = this.offsetScale(base, 0, s);
    const k = this.offsetScale(base, 1, s);
    const kT = g.node('Transpose', `${n}.k_t`, [k], `${n}_k_t`, { perm: { ints: [0, 2, 1] } });
    const qk = g.node('MatMul', `${n}.qk`, [q, kT], `${n}_qk`);
    const logits = g.node(
      'Div',
      `${n}.qk_scale`,
      [qk, g.constant(`${n}.sqrt_s`, [], [Math.sqrt(s)])],
      `${n}_qk_scaled`,
    );
    const relu = g.node('Relu', `${n}.relu`, [logits], `${n}_relu`);
    const kernel = g.node('Mul', `${n}.square`, [relu, relu], `${n}_kernel`);
    const attended = g.node('MatMul', `${n}.attend`, [kernel, v], `${n}_attended`);
    const gated = g.node('Mul', `${n}.gate`, [u, attended], `${n}_gated`);
    const out = this.linear(gated, 'gau.o', e, h);
    const shortcut = g.node(
      'Mul',
      `${n}.res_scale`,
      [x, g.weight(`${n}.res_scale.scale`, [h], this.weights(`${n}.res_scale.scale`))],
      `${n}_shortcut`,
    );
    return g.node('Add', `${n}.residual`, [shortcut, out], `${n}_out`);
  }

  finalLayer(x: string, spec: RtmccHeadSpec): string {
    const n = this.name('final_layer');
    const k = spec.finalLayerKernel;
    const pad = Math.floor(k / 2);
    const dims = [spec.numJoints, spec.inChannels, k, k];
    const inputs = [
      x,
      this.g.weight(`${n}.weight`, dims, this.weights(`${n}.weight`)),
      this.g.weight(`${n}.bias`, [spec.numJoints], this.weights(`${n}.bias`)),
    ];
    return this.g.node('Conv', n, inputs, `${n}_out`, {
      kernel_shape: { ints: [k, k] },
      strides: { ints: [1, 1] },
      pads: { ints: [pad, pad, pad, pad] },
    });
  }
}

/** Emits the head on the backbone output `x`, writing the SimCC logits to `outputs.x` and `outputs.y`. */
export function emitRtmccHead(
  g: GraphEmitter,
  x: string,
  spec: RtmccHeadSpec,
  weights: WeightLookup,
  outputs: { x: string; y: string },
  prefix = 'head',
): void {
  const head = new HeadEmitter(g, weights, prefix);
  const maps = head.finalLayer(x, spec);
  const flat = g.node(
    'Reshape',
    `${prefix}.flatten`,
    [maps, g.int64Constant(`${prefix}.flatten_shape`, [0, spec.numJoints, -1])],
    `${prefix}_flat`,
  );
  const tokens = head.linear(
    head.scaleNorm(flat, 'mlp.0', spec.featureWidth * spec.featureHeight),
    'mlp.1',
    spec.featureWidth * spec.featureHeight,
    spec.hiddenDims,
  );
  const features = head.gau(tokens, spec);
  head.linear(features, 'cls_x', spec.hiddenDims, spec.simccWidth, outputs.x);
  head.linear(features, 'cls_y', spec.hiddenDims, spec.simccHeight, outputs.y);
}
