/**
 * RTMPose conversion at real sizes with random weights: the CLI path, the random-weight ONNX that
 * runtime tests and the bench build, and the errors a wrong checkpoint gets.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerConvert } from '../../../hosts/cli/commands/convert';
import {
  convertCheckpointToOnnx,
  describeRtmpose,
  writeRandomRtmposeOnnx,
} from '../../../core/convert/convert-checkpoint';
import { randomRtmposeWeights } from '../../../core/convert/random-weights';
import { writeSafetensors } from '../../../core/convert/safetensors';
import { createSession } from '../../../core/models/onnx';

const [WIDTH, HEIGHT] = [192, 256];
const T_PARAMS = 3337007;

async function runOnce(
  file: string,
): Promise<{ x: Float32Array; y: Float32Array; dims: readonly (readonly number[])[] }> {
  const session = await createSession(file, { device: 'cpu', threads: 1 });
  try {
    const data = Float32Array.from({ length: 3 * HEIGHT * WIDTH }, (_, i) => Math.sin(i * 0.01));
    const out = await session.run({ input: { type: 'float32', data, dims: [1, 3, HEIGHT, WIDTH] } });
    return {
      x: out.simcc_x.data as Float32Array,
      y: out.simcc_y.data as Float32Array,
      dims: [out.simcc_x.dims, out.simcc_y.dims],
    };
  } finally {
    await session.dispose();
  }
}

describe('RTMPose conversion at real sizes', () => {
  let dir: string;
  let checkpoint: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-rtmpose-convert-'));
    const weights = randomRtmposeWeights(describeRtmpose('rtmpose-t', WIDTH, HEIGHT), 5);
    // What published files carry besides the weights: BatchNorm step counters, preprocessor buffers.
    weights.set('backbone.stem.0.bn.num_batches_tracked', { shape: [], data: new Float32Array([1]) });
    weights.set('data_preprocessor.mean', { shape: [3, 1, 1], data: new Float32Array([123.675, 116.28, 103.53]) });
    checkpoint = path.join(dir, 'rtmpose-t.safetensors');
    await writeFile(checkpoint, writeSafetensors(weights));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a random-weight RTMPose-t that runs with SimCC outputs of twice the input size', async () => {
    const file = path.join(dir, 'random-t.onnx');
    expect(await writeRandomRtmposeOnnx('rtmpose-t', WIDTH, HEIGHT, file, 7)).toBe(T_PARAMS);
    const { x, y, dims } = await runOnce(file);
    expect(dims).toEqual([
      [1, 17, 2 * WIDTH],
      [1, 17, 2 * HEIGHT],
    ]);
    expect([...x, ...y].every(Number.isFinite)).toBe(true);
  });

  it('converts through `posetrail models convert --arch rtmpose-t`, ignoring training-only tensors', async () => {
    const out = path.join(dir, 'cli-t.onnx');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const root = new Command('posetrail').exitOverride();
    registerConvert(root.command('models').exitOverride()).exitOverride();
    await root.parseAsync([
      'node',
      'posetrail',
      'models',
      'convert',
      checkpoint,
      '--arch',
      'rtmpose-t',
      '--input',
      `${HEIGHT}x${WIDTH}`,
      '--out',
      out,
    ]);
    const { dims } = await runOnce(out);
    expect(dims[0]).toEqual([1, 17, 2 * WIDTH]);
  });

  it('says which size a checkpoint is when the wrong one is asked for', async () => {
    const outPath = path.join(dir, 'wrong.onnx');
    await expect(
      convertCheckpointToOnnx({
        checkpointPath: checkpoint,
        arch: 'rtmpose-s',
        inputWidth: WIDTH,
        inputHeight: HEIGHT,
        outPath,
      }),
    ).rejects.toThrow(
      new RegExp(
        `^${checkpoint}: does not match the requested rtmpose-s at 256x192: .*with the wrong shape \\(backbone\\.stem\\.0\\.conv\\.weight is \\[12,3,3,3\\], expected \\[16,3,3,3\\].*\\. The checkpoint looks like rtmpose-t\\.$`,
      ),
    );
  });

  it('says which input size the head was built for', async () => {
    const outPath = path.join(dir, 'wrong-size.onnx');
    await expect(
      convertCheckpointToOnnx({
        checkpointPath: checkpoint,
        arch: 'rtmpose-t',
        inputWidth: 288,
        inputHeight: 384,
        outPath,
      }),
    ).rejects.toThrow(
      `${checkpoint}: does not match the requested rtmpose-t at 384x288: 3 with the wrong shape (head.mlp.1.weight is [256,48], expected [256,108], head.cls_x.weight is [384,256], expected [576,256], head.cls_y.weight is [512,256], expected [768,256]). The checkpoint looks like rtmpose-t. It was built for 256x192 inputs, not 384x288.`,
    );
  });
});
