/** RTMPose's description against MMPose's published figures and configs. */
import { describe, expect, it } from 'vitest';
import { cspnextParamShapes, describeCspnext, pythonRound } from '../../../core/convert/cspnext';
import {
  countRtmposeParams,
  describeRtmpose,
  rtmposeParamShapes,
  type RtmposeArchName,
} from '../../../core/convert/rtmpose-arch';

/** MMPose's RTMPose README (body, COCO-17), Params(M), two decimals. */
const PUBLISHED_PARAMS_M: [RtmposeArchName, number, number, number][] = [
  ['rtmpose-t', 192, 256, 3.34],
  ['rtmpose-s', 192, 256, 5.47],
  ['rtmpose-m', 192, 256, 13.59],
  ['rtmpose-l', 192, 256, 27.66],
  ['rtmpose-m', 288, 384, 13.72],
  ['rtmpose-l', 288, 384, 27.79],
];

function blocksPerStage(deepen: number, widen: number): number[] {
  const shapes = cspnextParamShapes(describeCspnext(deepen, widen));
  return [1, 2, 3, 4].map(
    (s) =>
      new Set(
        [...shapes.keys()]
          .filter((k) => k.startsWith(`backbone.stage${s}.`) && k.includes('.blocks.'))
          .map((k) => k.split('.blocks.')[1].split('.')[0]),
      ).size,
  );
}

describe('RTMPose architecture', () => {
  for (const [name, w, h, millions] of PUBLISHED_PARAMS_M) {
    it(`${name} at ${h}x${w} has MMPose's published ${millions}M parameters`, () => {
      expect(Math.round(countRtmposeParams(describeRtmpose(name, w, h)) / 1e4) / 100).toBe(millions);
    });
  }

  it('counts exactly (RTMPose-m 256x192: 13,587,611)', () => {
    expect(countRtmposeParams(describeRtmpose('rtmpose-m', 192, 256))).toBe(13587611);
  });

  it('rounds block counts as Python does: t 1/1/1/1, s 1/2/2/1, m 2/4/4/2, l 3/6/6/3', () => {
    expect(blocksPerStage(0.167, 0.375)).toEqual([1, 1, 1, 1]);
    expect(blocksPerStage(0.33, 0.5)).toEqual([1, 2, 2, 1]);
    expect(blocksPerStage(0.67, 0.75)).toEqual([2, 4, 4, 2]);
    expect(blocksPerStage(1, 1)).toEqual([3, 6, 6, 3]);
    expect([0.5, 1.5, 2.5, 2.01].map(pythonRound)).toEqual([0, 2, 2, 2]);
  });

  it("uses MMPose's state-dict names and shapes (RTMPose-t 256x192)", () => {
    const shapes = rtmposeParamShapes(describeRtmpose('rtmpose-t', 192, 256));
    expect(shapes.get('backbone.stem.0.conv.weight')).toEqual([12, 3, 3, 3]);
    expect(shapes.get('backbone.stem.2.bn.running_var')).toEqual([24]);
    expect(shapes.get('backbone.stage1.1.blocks.0.conv2.depthwise_conv.conv.weight')).toEqual([24, 1, 5, 5]);
    expect(shapes.get('backbone.stage1.1.attention.fc.bias')).toEqual([48]);
    expect(shapes.get('backbone.stage4.1.conv2.conv.weight')).toEqual([384, 768, 1, 1]);
    expect(shapes.get('backbone.stage4.2.final_conv.conv.weight')).toEqual([384, 384, 1, 1]);
    expect(shapes.get('head.final_layer.weight')).toEqual([17, 384, 7, 7]);
    expect(shapes.get('head.mlp.0.g')).toEqual([1]);
    expect(shapes.get('head.mlp.1.weight')).toEqual([256, 48]);
    expect(shapes.get('head.gau.uv.weight')).toEqual([1152, 256]);
    expect(shapes.get('head.gau.gamma')).toEqual([2, 128]);
    expect(shapes.get('head.gau.res_scale.scale')).toEqual([256]);
    expect(shapes.get('head.cls_x.weight')).toEqual([384, 256]);
    expect(shapes.get('head.cls_y.weight')).toEqual([512, 256]);
    expect(shapes.size).toBe(185); // as many as the reference script's RTMPose-t state dict, less num_batches_tracked
  });

  it('refuses input sizes that are not multiples of 32 and unknown names', () => {
    expect(() => describeRtmpose('rtmpose-m', 190, 256)).toThrow(
      'Invalid inputWidth 190. Should be a positive multiple of 32',
    );
    expect(() => describeRtmpose('rtmpose-x' as RtmposeArchName, 192, 256)).toThrow(
      'Unknown architecture "rtmpose-x". Should be one of rtmpose-t, rtmpose-s, rtmpose-m, rtmpose-l.',
    );
  });
});
