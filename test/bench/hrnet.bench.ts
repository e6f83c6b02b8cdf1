/**
 * HRNet section for `npm run bench`: HRNet-W32 256×192 and HRNet-W48 256×192 / 384×288 built by
 * the converter from random weights (speed does not depend on the values), run in ONNX Runtime at
 * batch 1 and 8, with BatchNorm folded and kept. Reports boxes/s and the GFLOP/s achieved against
 * the paper's FLOP counts, so we know how close to the machine's limit inference runs.
 *
 * POSETRAIL_BENCH_HRNET=skip leaves the section out; =quick runs HRNet-W32 at batch 1 only
 * (a few seconds); anything else runs everything (a few minutes on 2 cores).
 * POSETRAIL_BENCH_DEVICE picks the execution device (default cpu); on a GPU device float16
 * weights are measured too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildHrnetGraph, HRNET_INPUT_NAME, HRNET_OUTPUT_NAME } from '../../core/convert/hrnet';
import { countHrnetMacs, describeHrnet, HRNET_OUTPUT_STRIDE } from '../../core/convert/hrnet-arch';
import { writeOnnxModel } from '../../core/convert/onnx-writer';
import { randomHrnetWeights } from '../../core/convert/random-weights';
import { createSession } from '../../core/models/onnx';
import type { ExecutionDevice } from '../../core/types';

interface ModelCase {
  name: string;
  width: number;
  inputWidth: number;
  inputHeight: number;
  /** The paper's count (multiply-adds, reported as "GFLOPs"). */
  paperGflops: number;
}

const MODELS: ModelCase[] = [
  { name: 'hrnet-w32-256x192', width: 32, inputWidth: 192, inputHeight: 256, paperGflops: 7.1 },
  { name: 'hrnet-w48-256x192', width: 48, inputWidth: 192, inputHeight: 256, paperGflops: 14.6 },
  { name: 'hrnet-w48-384x288', width: 48, inputWidth: 288, inputHeight: 384, paperGflops: 32.9 },
];
const BATCH_SIZES = [1, 8];
/** Timed runs after one warm-up; the median is reported. Fewer for large batches (seconds each on CPU). */
const TIMED_RUNS_BY_BATCH: Record<number, number> = { 1: 5, 8: 2 };

type Variant = { label: string; foldBatchNorm: boolean; float16: boolean };

function variantsFor(device: ExecutionDevice): Variant[] {
  const variants: Variant[] = [
    { label: 'fp32-folded', foldBatchNorm: true, float16: false },
    { label: 'fp32-unfolded', foldBatchNorm: false, float16: false },
  ];
  // CPU kernels have no fast half-precision path (ORT inserts casts), so fp16 only on GPUs.
  if (device !== 'cpu') variants.push({ label: 'fp16-folded', foldBatchNorm: true, float16: true });
  return variants;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(
  file: string,
  model: ModelCase,
  device: ExecutionDevice,
  batchSizes: number[],
): Promise<Record<string, unknown>> {
  const session = await createSession(file, { device });
  const results: Record<string, unknown> = { provider: session.provider };
  try {
    for (const batch of batchSizes) {
      const dims = [batch, 3, model.inputHeight, model.inputWidth];
      const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
      for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.01);
      const feeds = { [HRNET_INPUT_NAME]: { type: 'float32' as const, data, dims } };
      const first = await session.run(feeds); // warm-up (also checks the output shape)
      const outDims = first[HRNET_OUTPUT_NAME].dims;
      const expected = [batch, 17, model.inputHeight / HRNET_OUTPUT_STRIDE, model.inputWidth / HRNET_OUTPUT_STRIDE];
      if (outDims.join() !== expected.join())
        throw new Error(`${model.name}: output [${outDims}] instead of [${expected}]`);
      const times: number[] = [];
      for (let r = 0; r < TIMED_RUNS_BY_BATCH[batch]; r++) {
        const start = performance.now();
        await session.run(feeds);
        times.push(performance.now() - start);
      }
      const msPerBatch = median(times);
      const boxesPerSec = (batch * 1000) / msPerBatch;
      results[`batch${batch}`] = {
        msPerBatch: round(msPerBatch, 1),
        boxesPerSec: round(boxesPerSec),
        gflopPerSec: round(boxesPerSec * model.paperGflops, 1),
      };
    }
  } finally {
    await session.dispose();
  }
  return results;
}

async function benchModel(
  model: ModelCase,
  variants: Variant[],
  device: ExecutionDevice,
  dir: string,
  batchSizes: number[],
): Promise<Record<string, unknown>> {
  const arch = describeHrnet(model.width);
  const weights = randomHrnetWeights(arch, model.width);
  const report: Record<string, unknown> = {
    paperGflops: model.paperGflops,
    countedGmacs: round(countHrnetMacs(arch, model.inputWidth, model.inputHeight) / 1e9),
  };
  for (const variant of variants) {
    const graph = buildHrnetGraph(arch, (name) => weights.get(name)!.data, {
      inputWidth: model.inputWidth,
      inputHeight: model.inputHeight,
      foldBatchNorm: variant.foldBatchNorm,
      float16: variant.float16,
    });
    const file = path.join(dir, `${model.name}.${variant.label}.onnx`);
    await writeFile(file, writeOnnxModel(graph));
    try {
      report[variant.label] = await measure(file, model, device, batchSizes);
    } finally {
      await rm(file, { force: true });
    }
  }
  return report;
}

export async function run(_ctx?: unknown): Promise<Record<string, unknown>> {
  const mode = process.env.POSETRAIL_BENCH_HRNET ?? 'full';
  if (mode === 'skip') return { skipped: 'POSETRAIL_BENCH_HRNET=skip' };
  const device = (process.env.POSETRAIL_BENCH_DEVICE ?? 'cpu') as ExecutionDevice;
  const quick = mode === 'quick';
  const models = quick ? MODELS.slice(0, 1) : MODELS;
  const batchSizes = quick ? [1] : BATCH_SIZES;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-bench-hrnet-'));
  const report: Record<string, unknown> = {
    device,
    threads: os.availableParallelism(),
    mode: quick ? 'quick' : 'full',
  };
  try {
    for (const model of models)
      report[model.name] = await benchModel(model, variantsFor(device), device, dir, batchSizes);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
