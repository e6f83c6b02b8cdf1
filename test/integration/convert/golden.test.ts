/**
 * The converter against PyTorch itself: fixtures from build/scripts/make-hrnet-fixtures.py hold a
 * width-2 HRNet (full structure) in both torch.save formats (torch's pickles; the storages are
 * refilled from the seed by test/helpers/hrnet-checkpoints.ts), a fixed input and the heatmaps
 * PyTorch computed for it. The converted ONNX model must reproduce them within 1e-4.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCheckpointToOnnx } from '../../../core/convert/convert-checkpoint';
import { createSession } from '../../../core/models/onnx';
import {
  HRNET_FIXTURES as FIXTURES,
  hrnetFixtureMeta as meta,
  writeHrnetCheckpoints,
} from '../../helpers/hrnet-checkpoints';

const [, , inputHeight, inputWidth] = meta.inputShape as number[];
const MAX_ABS_DIFF_F32 = 1e-4;
/** float16 weights and activations: ~3 significant digits through ~100 layers. */
const MAX_ABS_DIFF_F16 = 0.05;

function readF32(name: string): Float32Array {
  const bytes = readFileSync(path.join(FIXTURES, name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('HRNet checkpoint → ONNX golden test', () => {
  let dir: string;
  const input = readF32(meta.input);
  const reference = readF32(meta.heatmaps);

  let checkpoints: { legacy: string; zip: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-hrnet-golden-'));
    checkpoints = await writeHrnetCheckpoints(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function convertAndRun(
    format: 'legacy' | 'zip',
    options: { float16?: boolean; foldBatchNorm?: boolean },
    batch = 1,
  ): Promise<{ heatmaps: Float32Array; dims: readonly number[]; params: number }> {
    const outPath = path.join(
      dir,
      `${format}.${options.float16 ? 'f16' : 'f32'}.${options.foldBatchNorm === false ? 'bn' : 'fold'}.onnx`,
    );
    const result = await convertCheckpointToOnnx({
      checkpointPath: checkpoints[format],
      arch: { width: meta.width },
      inputWidth,
      inputHeight,
      outPath,
      ...options,
    });
    const session = await createSession(outPath, { device: 'cpu', threads: 1 });
    try {
      const data = new Float32Array(input.length * batch);
      for (let n = 0; n < batch; n++) data.set(input, n * input.length);
      const out = await session.run({ input: { type: 'float32', data, dims: [batch, 3, inputHeight, inputWidth] } });
      return { heatmaps: out.heatmaps.data as Float32Array, dims: out.heatmaps.dims, params: result.params };
    } finally {
      await session.dispose();
    }
  }

  for (const format of ['legacy', 'zip'] as const) {
    it(`reproduces PyTorch's heatmaps from the ${format} checkpoint (BatchNorm folded)`, async () => {
      const { heatmaps, dims, params } = await convertAndRun(format, {});
      expect(dims).toEqual(meta.outputShape);
      expect(params).toBe(meta.params);
      expect(maxAbsDiff(heatmaps, reference)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
    });
  }

  it('gives the same heatmaps with BatchNormalization nodes kept', async () => {
    const { heatmaps } = await convertAndRun('legacy', { foldBatchNorm: false });
    expect(maxAbsDiff(heatmaps, reference)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
  });

  it('runs a batch of 2 through the dynamic batch dimension, each item matching', async () => {
    const { heatmaps, dims } = await convertAndRun('zip', {}, 2);
    expect(dims).toEqual([2, ...meta.outputShape.slice(1)]);
    expect(maxAbsDiff(heatmaps.subarray(0, reference.length), reference)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
    expect(maxAbsDiff(heatmaps.subarray(reference.length), reference)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
  });

  it('keeps float32 inputs and outputs with float16 weights, close to the reference', async () => {
    const { heatmaps, dims } = await convertAndRun('zip', { float16: true });
    expect(dims).toEqual(meta.outputShape);
    const diff = maxAbsDiff(heatmaps, reference);
    expect(diff).toBeLessThanOrEqual(MAX_ABS_DIFF_F16);
    expect(diff).toBeGreaterThan(0); // really computed in half precision
  });
});
