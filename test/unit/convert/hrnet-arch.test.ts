import { describe, expect, it } from 'vitest';
import { countHrnetMacs, countHrnetParams, describeHrnet, hrnetParamShapes } from '../../../core/convert/hrnet-arch';

describe('HRNet architecture', () => {
  it('has the parameter counts the paper reports: 28.5 M (W32) and 63.6 M (W48), within 1%', () => {
    expect(Math.abs(countHrnetParams(32) / 28.5e6 - 1)).toBeLessThan(0.01);
    expect(Math.abs(countHrnetParams(48) / 63.6e6 - 1)).toBeLessThan(0.01);
  });

  it("matches PyTorch's count for the width-2 fixture network", () => {
    // fixtures.json: sum(p.numel() for p in model.parameters()) of the PyTorch definition.
    expect(countHrnetParams(2)).toBe(451223);
  });

  it('names and shapes parameters as the official repository does', () => {
    const shapes = hrnetParamShapes(describeHrnet(32));
    expect(shapes.get('conv1.weight')).toEqual([64, 3, 3, 3]);
    expect(shapes.get('layer1.0.downsample.0.weight')).toEqual([256, 64, 1, 1]);
    expect(shapes.get('layer1.3.conv3.weight')).toEqual([256, 64, 1, 1]);
    expect(shapes.has('layer1.1.downsample.0.weight')).toBe(false);
    expect(shapes.get('transition1.0.0.weight')).toEqual([32, 256, 3, 3]);
    expect(shapes.get('transition1.1.0.0.weight')).toEqual([64, 256, 3, 3]);
    expect(shapes.get('transition2.2.0.0.weight')).toEqual([128, 64, 3, 3]);
    expect(shapes.get('transition3.3.0.0.weight')).toEqual([256, 128, 3, 3]);
    expect(shapes.get('stage2.0.branches.1.3.conv2.weight')).toEqual([64, 64, 3, 3]);
    expect(shapes.get('stage3.3.fuse_layers.2.0.1.0.weight')).toEqual([128, 32, 3, 3]); // 2-step down path, last step
    expect(shapes.get('stage3.3.fuse_layers.2.0.0.0.weight')).toEqual([32, 32, 3, 3]);
    expect(shapes.get('stage4.2.fuse_layers.0.3.0.weight')).toEqual([32, 256, 1, 1]);
    expect(shapes.get('stage4.2.fuse_layers.0.3.1.running_var')).toEqual([32]);
    // The last module fuses into the highest resolution only.
    expect(shapes.has('stage4.2.fuse_layers.1.0.0.0.weight')).toBe(false);
    expect(shapes.has('stage4.1.fuse_layers.3.0.2.0.weight')).toBe(true);
    expect(shapes.get('final_layer.weight')).toEqual([17, 32, 1, 1]);
    expect(shapes.get('final_layer.bias')).toEqual([17]);
    expect(shapes.has('transition2.0.0.weight')).toBe(false); // widths already match
  });

  it('counts multiply-accumulates within 10% of the published GFLOPs', () => {
    // The paper: 7.1 (W32 256×192), 14.6 (W48 256×192), 32.9 (W48 384×288); we count every conv.
    const cases: [number, number, number, number][] = [
      [32, 192, 256, 7.1],
      [48, 192, 256, 14.6],
      [48, 288, 384, 32.9],
    ];
    for (const [width, w, h, gflops] of cases) {
      const ratio = countHrnetMacs(describeHrnet(width), w, h) / (gflops * 1e9);
      expect(ratio).toBeGreaterThan(1);
      expect(ratio).toBeLessThan(1.1);
    }
  });

  it('rejects impossible widths with a clear message', () => {
    expect(() => describeHrnet(0)).toThrow(
      'Invalid HRNet width 0. Should be a positive integer (32 for HRNet-W32, 48 for HRNet-W48).',
    );
  });
});
