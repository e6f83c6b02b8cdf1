import { describe, expect, it } from 'vitest';
import { describeHrnet, hrnetParamShapes } from '../../../core/convert/hrnet-arch';
import { detectKeyLayout, inferHrnetWidth, normalizeHrnetStateDict } from '../../../core/convert/state-dict';
import type { TorchTensor } from '../../../core/convert/torch/tensor';

const expected = hrnetParamShapes(describeHrnet(2));

function fakeTensor(shape: number[]): TorchTensor {
  return {
    storage: { key: '0', dtype: 'float32', numel: 0, bytes: null },
    offset: 0,
    shape,
    stride: shape.map(() => 1),
  };
}

/** A complete state dict for the width-2 net, keys renamed by `rename`. */
function stateDict(rename: (key: string) => string, extra: string[] = []): Map<string, TorchTensor> {
  const map = new Map<string, TorchTensor>();
  for (const [key, shape] of expected) map.set(rename(key), fakeTensor(shape));
  for (const key of extra) map.set(rename(key), fakeTensor([]));
  return map;
}

const mmpose0 = (k: string) => (k.startsWith('final_layer.') ? `keypoint_head.${k}` : `backbone.${k}`);

describe('HRNet state dict layouts', () => {
  it('detects official, MMPose 0.x and MMPose 1.x layouts', () => {
    expect(detectKeyLayout(['conv1.weight', 'final_layer.weight'])).toBe('official');
    expect(detectKeyLayout(['backbone.conv1.weight', 'keypoint_head.final_layer.weight'])).toBe('mmpose-0.x');
    expect(detectKeyLayout(['backbone.conv1.weight', 'head.final_layer.weight'])).toBe('mmpose-1.x');
  });

  it("maps every layout (and DataParallel's module. prefix) onto official names, ignoring BN step counters", () => {
    const variants = [
      stateDict((k) => k, ['bn1.num_batches_tracked']),
      stateDict((k) => `module.${k}`),
      stateDict(mmpose0, ['conv1.num_batches_tracked']),
      stateDict((k) => (k.startsWith('final_layer.') ? `head.${k}` : `backbone.${k}`)),
    ];
    for (const raw of variants) {
      const { tensors } = normalizeHrnetStateDict(raw, expected, 'x.pth');
      expect([...tensors.keys()].sort()).toEqual([...expected.keys()].sort());
    }
    expect(normalizeHrnetStateDict(variants[2], expected, 'x.pth').layout).toBe('mmpose-0.x');
  });

  it('reports missing keys with a count and a short list', () => {
    const raw = stateDict(mmpose0);
    const stage4 = [...raw.keys()].filter((k) => k.startsWith('backbone.stage4.'));
    for (const k of stage4) raw.delete(k);
    expect(() => normalizeHrnetStateDict(raw, expected, 'ckpt.pth')).toThrow(
      new RegExp(
        `^ckpt\\.pth: does not match the requested HRNet \\(mmpose-0\\.x key layout\\): ${stage4.length} missing \\(stage4\\.0\\.branches\\.0\\.0\\.conv1\\.weight, (\\S+, ){3}\\S+ and ${stage4.length - 5} more\\)\\.`,
      ),
    );
  });

  it('infers the width of a checkpoint and names it in mismatch errors', () => {
    const w48 = new Map<string, TorchTensor>([['transition1.0.0.weight', fakeTensor([48, 256, 3, 3])]]);
    expect(inferHrnetWidth(w48)).toBe(48);
    expect(() => normalizeHrnetStateDict(w48, expected, 'w48.pth')).toThrow(/The checkpoint looks like hrnet-w48\./);
  });
});
