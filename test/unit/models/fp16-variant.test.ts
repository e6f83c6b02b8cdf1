/** fp16 variants are chosen for GPU providers only, and only when the session really lands on a GPU. */
import { describe, expect, it } from 'vitest';
import { fp16VariantPath, openPreferringFp16 } from '../../../core/models/fp16-variant';
import type { CreateSessionOptions, ModelSession } from '../../../core/models/onnx';

/** A fake session factory: `gpuFor` lists files the fake GPU provider accepts; the rest land on CPU. */
function fakeOpen(provider: string, opened: string[], disposed: string[]) {
  return async (file: string, options: CreateSessionOptions): Promise<ModelSession> => {
    opened.push(`${file}@${options.device}`);
    const lands = options.device === 'cpu' ? 'cpu' : provider;
    if (lands === 'cpu' && options.device !== 'cpu') options.onWarning?.(`fell back to CPU for ${file}`);
    return {
      path: file,
      provider: lands,
      warnings: [],
      inputNames: [],
      outputNames: [],
      inputShapes: {},
      outputShapes: {},
      run: async () => ({}),
      dispose: async () => {
        disposed.push(file);
      },
    };
  };
}

describe('fp16 variants', () => {
  it('names the variant beside the fp32 file', () => {
    expect(fp16VariantPath('/store/hrnet_w48_coco_384x288.onnx')).toBe('/store/hrnet_w48_coco_384x288.fp16.onnx');
  });

  it('opens the fp16 variant on a working GPU provider', async () => {
    const opened: string[] = [];
    const result = await openPreferringFp16(
      '/m/a.onnx',
      { device: 'auto' },
      fakeOpen('webgpu', opened, []),
      () => true,
    );
    expect(result.path).toBe('/m/a.fp16.onnx');
    expect(result.session.provider).toBe('webgpu');
    expect(opened).toEqual(['/m/a.fp16.onnx@auto']);
  });

  it('falls back to the fp32 file when the variant lands on the CPU, passing on only that warning', async () => {
    const opened: string[] = [];
    const disposed: string[] = [];
    const warnings: string[] = [];
    const result = await openPreferringFp16(
      '/m/a.onnx',
      { device: 'cuda', onWarning: (w) => warnings.push(w) },
      fakeOpen('cpu', opened, disposed),
      () => true,
    );
    expect(result.path).toBe('/m/a.onnx');
    expect(opened).toEqual(['/m/a.fp16.onnx@cuda', '/m/a.onnx@cuda']);
    expect(disposed).toEqual(['/m/a.fp16.onnx']);
    expect(warnings).toEqual(['fell back to CPU for /m/a.onnx']);
  });

  it('never tries the variant on the CPU or when there is none', async () => {
    const opened: string[] = [];
    await openPreferringFp16('/m/a.onnx', { device: 'cpu' }, fakeOpen('cuda', opened, []), () => true);
    await openPreferringFp16('/m/a.onnx', { device: 'cuda' }, fakeOpen('cuda', opened, []), () => false);
    expect(opened).toEqual(['/m/a.onnx@cpu', '/m/a.onnx@cuda']);
  });
});
