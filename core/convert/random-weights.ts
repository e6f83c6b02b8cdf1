/**
 * Seeded random HRNet and RTMPose weights with realistic scales, for speed benchmarks and for checking that
 * full-size networks convert and run (speed does not depend on the values). Convolutions get
 * variance 1/fan_in so activations stay finite through ~100 layers; BatchNorm statistics are far
 * from identity so folding matters.
 */
import type { HrnetArch } from './hrnet-arch';
import { hrnetParamShapes } from './hrnet-arch';
import { seededRandom } from '../util/random';
import { rtmposeParamShapes, type RtmposeArch } from './rtmpose-arch';

/** BatchNorm tensors: [low, high) of the uniform draw. */
const BN_RANGES: Record<string, [number, number]> = {
  weight: [0.3, 0.9],
  bias: [-0.2, 0.2],
  running_mean: [-0.3, 0.3],
  running_var: [0.5, 2],
};
const CONV_BIAS_RANGE: [number, number] = [-0.1, 0.1];

function fillUniform(out: Float32Array, random: () => number, low: number, high: number): void {
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * random();
}

/** Every tensor `hrnetParamShapes(arch)` lists, filled deterministically from `seed`. */
export function randomHrnetWeights(arch: HrnetArch, seed = 1): Map<string, { shape: number[]; data: Float32Array }> {
  const random = seededRandom(seed);
  const weights = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, shape] of hrnetParamShapes(arch)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const leaf = name.slice(name.lastIndexOf('.') + 1);
    if (shape.length === 4) {
      const fanIn = shape[1] * shape[2] * shape[3];
      const bound = Math.sqrt(3 / fanIn); // uniform(-b, b) has variance b²/3 = 1/fanIn
      fillUniform(data, random, -bound, bound);
    } else if (name.startsWith('final_layer.')) {
      fillUniform(data, random, ...CONV_BIAS_RANGE);
    } else {
      fillUniform(data, random, ...BN_RANGES[leaf]);
    }
    weights.set(name, { shape, data });
  }
  return weights;
}

/** RTMPose head tensors without BatchNorm: [low, high) by leaf name (ScaleNorm g, offset scale, shortcut scale). */
const HEAD_RANGES: Record<string, [number, number]> = {
  g: [0.5, 1.5],
  gamma: [0.5, 1.5],
  beta: [-0.2, 0.2],
  scale: [0.5, 1.5],
  bias: CONV_BIAS_RANGE,
};

/**
 * Every tensor `rtmposeParamShapes(arch)` lists (MMPose names), filled deterministically from
 * `seed`: convolutions and Linears with variance 1/fan_in, BatchNorm far from identity.
 */
export function randomRtmposeWeights(
  arch: RtmposeArch,
  seed = 1,
): Map<string, { shape: number[]; data: Float32Array }> {
  const random = seededRandom(seed);
  const weights = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, shape] of rtmposeParamShapes(arch)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const leaf = name.slice(name.lastIndexOf('.') + 1);
    const isBn = name.includes('.bn.');
    if (leaf === 'weight' && !isBn) {
      const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
      const bound = Math.sqrt(3 / fanIn);
      fillUniform(data, random, -bound, bound);
    } else {
      fillUniform(data, random, ...(isBn ? BN_RANGES[leaf] : HEAD_RANGES[leaf]));
    }
    weights.set(name, { shape, data });
  }
  return weights;
}
