/**
 * A full-size HRNet-W48 (63.6 M parameters, random weights) written as a safetensors checkpoint
 * converts, loads in ONNX Runtime and returns [N,17,96,72] heatmaps for 384×288 input, with a
 * dynamic batch dimension.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCheckpointToOnnx, countHrnetParams, describeHrnet } from '../../../core/convert/convert-checkpoint';
import { randomHrnetWeights } from '../../../core/convert/random-weights';
import { writeSafetensors } from '../../../core/convert/safetensors';
import { createSession, type ModelSession } from '../../../core/models/onnx';
import type { Progress } from '../../../core/types';

const [INPUT_H, INPUT_W] = [384, 288];
const PIXELS = 3 * INPUT_H * INPUT_W;

function testImage(seed: number): Float32Array {
  const data = new Float32Array(PIXELS);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.001 * seed) * 1.5;
  return data;
}

describe('full-size HRNet-W48 with random weights', () => {
  let dir: string;
  let session: ModelSession;
  let single: Float32Array;
  const progress: Progress[] = [];
  let result: { params: number; outPath: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-hrnet-w48-'));
    const checkpointPath = path.join(dir, 'hrnet_w48_random.safetensors');
    await writeFile(checkpointPath, writeSafetensors(randomHrnetWeights(describeHrnet(48), 48)));
    result = await convertCheckpointToOnnx({
      checkpointPath,
      arch: 'hrnet-w48',
      inputWidth: INPUT_W,
      inputHeight: INPUT_H,
      outPath: path.join(dir, 'hrnet_w48_384x288.onnx'),
      onProgress: (p) => progress.push(p),
    });
    session = await createSession(result.outPath, { device: 'cpu' });
  });

  afterAll(async () => {
    await session?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("converts with the paper's parameter count into a ~254 MB float32 model, reporting progress", async () => {
    expect(result.params).toBe(countHrnetParams(48));
    const { size } = await stat(result.outPath);
    // float32 weights dominate; folding drops BN's γ (its β becomes the conv bias).
    expect(size / (result.params * 4)).toBeGreaterThan(0.99);
    expect(size / (result.params * 4)).toBeLessThan(1.01);
    expect(progress.at(-1)).toMatchObject({ done: 100, total: 100 });
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);
  });

  it('declares a dynamic batch and returns [1,17,96,72] for one 384×288 crop', async () => {
    expect(session.inputShapes.input).toEqual(['N', 3, INPUT_H, INPUT_W]);
    expect(session.outputShapes.heatmaps).toEqual(['N', 17, 96, 72]);
    const out = await session.run({ input: { type: 'float32', data: testImage(1), dims: [1, 3, INPUT_H, INPUT_W] } });
    expect(out.heatmaps.dims).toEqual([1, 17, 96, 72]);
    single = out.heatmaps.data as Float32Array;
    expect(single.every(Number.isFinite)).toBe(true);
    expect(Math.max(...single) - Math.min(...single)).toBeGreaterThan(0);
  });

  it('returns [2,17,96,72] for two crops, the first matching the single run', async () => {
    const data = new Float32Array(2 * PIXELS);
    data.set(testImage(1));
    data.set(testImage(2), PIXELS);
    const out = await session.run({ input: { type: 'float32', data, dims: [2, 3, INPUT_H, INPUT_W] } });
    expect(out.heatmaps.dims).toEqual([2, 17, 96, 72]);
    const heatmaps = out.heatmaps.data as Float32Array;
    const scale = Math.max(...single.map(Math.abs));
    let maxDiff = 0;
    for (let i = 0; i < single.length; i++) maxDiff = Math.max(maxDiff, Math.abs(heatmaps[i] - single[i]));
    expect(maxDiff / scale).toBeLessThan(1e-4);
    // The second crop is a different image, so its heatmaps differ.
    let secondDiff = 0;
    for (let i = 0; i < single.length; i++)
      secondDiff = Math.max(secondDiff, Math.abs(heatmaps[single.length + i] - single[i]));
    expect(secondDiff / scale).toBeGreaterThan(1e-2);
  });
});
