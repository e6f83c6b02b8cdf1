import { describe, expect, it } from 'vitest';
import { BATCH_NORM_EPSILON, foldBatchNorm } from '../../../core/convert/bn-fold';

describe('foldBatchNorm', () => {
  // 2 output channels, 1 input channel, 1×2 kernels: weights [[a, b]] per channel.
  const weight = new Float32Array([1, 2, -3, 0.5]);
  const bn = {
    weight: new Float32Array([2, 0.5]),
    bias: new Float32Array([0.1, -1]),
    runningMean: new Float32Array([0.5, -2]),
    runningVar: new Float32Array([4 - BATCH_NORM_EPSILON, 0.25 - BATCH_NORM_EPSILON]),
  };

  it('scales each output channel by γ/√(σ²+ε) and shifts the bias', () => {
    // channel 0: scale 2/2 = 1; bias (0 - 0.5)·1 + 0.1 = -0.4
    // channel 1: scale 0.5/0.5 = 1 → weights unchanged… use a conv bias to see the shift.
    const folded = foldBatchNorm(weight, new Float32Array([0, 3]), bn);
    expect([...folded.weight]).toEqual([1, 2, -3, 0.5].map((v) => Math.fround(v)));
    expect(folded.bias[0]).toBeCloseTo(-0.4, 6);
    expect(folded.bias[1]).toBeCloseTo((3 + 2) * 1 - 1, 6);
  });

  it('matches conv followed by batch norm on a sample input', () => {
    const bn2 = { ...bn, weight: new Float32Array([1.5, -0.7]), runningVar: new Float32Array([0.3, 2.2]) };
    const folded = foldBatchNorm(weight, null, bn2);
    const x = [0.25, -1.5];
    for (let c = 0; c < 2; c++) {
      const conv = weight[2 * c] * x[0] + weight[2 * c + 1] * x[1];
      const reference =
        ((conv - bn2.runningMean[c]) / Math.sqrt(bn2.runningVar[c] + BATCH_NORM_EPSILON)) * bn2.weight[c] + bn2.bias[c];
      const fused = folded.weight[2 * c] * x[0] + folded.weight[2 * c + 1] * x[1] + folded.bias[c];
      expect(fused).toBeCloseTo(reference, 5);
    }
  });

  it('leaves its inputs untouched and rejects mismatched channel counts', () => {
    const copy = weight.slice();
    foldBatchNorm(weight, null, bn);
    expect(weight).toEqual(copy);
    expect(() => foldBatchNorm(new Float32Array(3), null, bn)).toThrow(/3 weights do not split into 2 output channels/);
  });
});
