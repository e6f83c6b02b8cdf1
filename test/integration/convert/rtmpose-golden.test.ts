/**
 * The RTMPose converter against PyTorch itself: test/fixtures/rtmpose/make_fixtures.py builds a
 * tiny RTMPose (full CSPNeXt + RTMCC structure, widen 1/32, hidden 32) module by module after
 * MMPose's definitions, saves it in both torch.save formats (the zip one wrapped as MMPose
 * publishes, with numpy arrays in `meta`; committed as torch's pickles only, the weights filled
 * back in by test/helpers/rtmpose-checkpoints.ts), and keeps a fixed input with the SimCC logits
 * PyTorch computed for it. The converted ONNX model must reproduce them within 1e-4.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCheckpointToOnnx } from '../../../core/convert/convert-checkpoint';
import { createSession } from '../../../core/models/onnx';
import { REPO_ROOT } from '../../helpers/assets';
import { writeRtmposeCheckpoints } from '../../helpers/rtmpose-checkpoints';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/rtmpose');
const meta = JSON.parse(readFileSync(path.join(FIXTURES, 'fixtures.json'), 'utf8'));
const [, , inputHeight, inputWidth] = meta.inputShape as number[];
const arch = {
  deepenFactor: meta.deepenFactor,
  widenFactor: meta.widenFactor,
  hiddenDims: meta.hiddenDims,
  attentionDims: meta.attentionDims,
};
const MAX_ABS_DIFF_F32 = 1e-4;
/** float16 weights and activations on logits up to ~18 (measured 0.024). */
const MAX_ABS_DIFF_F16 = 0.1;

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

interface Run {
  x: Float32Array;
  y: Float32Array;
  dims: { x: readonly number[]; y: readonly number[] };
  params: number;
}

describe('RTMPose checkpoint → ONNX golden test', () => {
  let dir: string;
  let checkpoints: { legacy: string; zip: string };
  const input = readF32(meta.input);
  const reference = { x: readF32(meta.simccX), y: readF32(meta.simccY) };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-rtmpose-golden-'));
    checkpoints = await writeRtmposeCheckpoints(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function convertAndRun(
    format: 'legacy' | 'zip',
    options: { float16?: boolean; foldBatchNorm?: boolean },
    batch = 1,
  ): Promise<Run> {
    const outPath = path.join(
      dir,
      `${format}.${options.float16 ? 'f16' : 'f32'}.${options.foldBatchNorm === false ? 'bn' : 'fold'}.onnx`,
    );
    const checkpointPath = checkpoints[format];
    const result = await convertCheckpointToOnnx({
      checkpointPath,
      arch,
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
      return {
        x: out.simcc_x.data as Float32Array,
        y: out.simcc_y.data as Float32Array,
        dims: { x: out.simcc_x.dims, y: out.simcc_y.dims },
        params: result.params,
      };
    } finally {
      await session.dispose();
    }
  }

  for (const format of ['legacy', 'zip'] as const) {
    it(`reproduces PyTorch's SimCC logits from the ${format} checkpoint (BatchNorm folded)`, async () => {
      const { x, y, dims, params } = await convertAndRun(format, {});
      expect(dims).toEqual({ x: meta.simccXShape, y: meta.simccYShape });
      expect(params).toBe(meta.params);
      expect(maxAbsDiff(x, reference.x)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
      expect(maxAbsDiff(y, reference.y)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
    });
  }

  it('gives the same logits with BatchNormalization nodes kept', async () => {
    const { x, y } = await convertAndRun('legacy', { foldBatchNorm: false });
    expect(maxAbsDiff(x, reference.x)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
    expect(maxAbsDiff(y, reference.y)).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
  });

  it('runs a batch of 2 through the dynamic batch dimension, each item matching', async () => {
    const { x, y, dims } = await convertAndRun('zip', {}, 2);
    expect(dims.x).toEqual([2, ...meta.simccXShape.slice(1)]);
    expect(dims.y).toEqual([2, ...meta.simccYShape.slice(1)]);
    for (const n of [0, 1]) {
      expect(
        maxAbsDiff(x.subarray(n * reference.x.length, (n + 1) * reference.x.length), reference.x),
      ).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
      expect(
        maxAbsDiff(y.subarray(n * reference.y.length, (n + 1) * reference.y.length), reference.y),
      ).toBeLessThanOrEqual(MAX_ABS_DIFF_F32);
    }
  });

  it('keeps float32 inputs and outputs with float16 weights, close to the reference', async () => {
    const { x, y, dims } = await convertAndRun('zip', { float16: true });
    expect(dims).toEqual({ x: meta.simccXShape, y: meta.simccYShape });
    const diff = Math.max(maxAbsDiff(x, reference.x), maxAbsDiff(y, reference.y));
    expect(diff).toBeLessThanOrEqual(MAX_ABS_DIFF_F16);
    expect(diff).toBeGreaterThan(0); // really computed in half precision
  });
});
