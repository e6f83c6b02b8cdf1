/**
 * GPU section of `npm run bench`: HRNet-W48 384×288 (the mission's model) built by the converter
 * from random weights, on every GPU execution provider of this onnxruntime build that opens a
 * session here (CUDA, WebGPU, DirectML, CoreML), fp32 and fp16 weights, at batch 1, 8 and 32:
 * boxes/s, and the largest difference of the heatmaps from the CPU's on the same two images
 * (targets ≤ 1e-3 fp32, ≤ 1e-2 fp16). A provider that falls back to CPU is reported as not
 * working, with why. With no working GPU provider the section says so and passes; the CPU path
 * (building the model, one CPU call for the reference) runs either way.
 *
 * Self-contained on purpose (core/convert and core/models/onnx only): `npm run gpu-bundle` packs
 * it with a Node binary and onnxruntime-node into one file for GPU machines without Node
 * (docs/gpu-check.md). POSETRAIL_GPU_BATCHES=1,8 limits the batch sizes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildHrnetGraph, HRNET_INPUT_NAME, HRNET_OUTPUT_NAME } from '../../core/convert/hrnet';
import { describeHrnet } from '../../core/convert/hrnet-arch';
import { writeOnnxModel } from '../../core/convert/onnx-writer';
import { randomHrnetWeights } from '../../core/convert/random-weights';
import { availableDevices, createSession, type ModelSession } from '../../core/models/onnx';

const WIDTH = 48;
const INPUT = { width: 288, height: 384 };
const DEFAULT_BATCHES = [1, 8, 32];
const REFERENCE_IMAGES = 2;
const MAX_DIFF = { fp32: 1e-3, fp16: 1e-2 } as const;
const TIMED_RUNS = 5;
/** The issue's goal for an H100/H200-class GPU through the fastest provider that works there. */
export const TARGET_BOXES_PER_SECOND = 500;

type Precision = keyof typeof MAX_DIFF;

/** `count` distinct images: a smooth pattern shifted per image (values in about −2…2, like normalised pixels). */
function inputImages(count: number): Float32Array {
  const plane = 3 * INPUT.width * INPUT.height;
  const data = new Float32Array(count * plane);
  for (let i = 0; i < data.length; i++) data[i] = 2 * Math.sin(i * 0.013 + Math.floor(i / plane) * 0.7);
  return data;
}

async function runBatch(session: ModelSession, batch: number): Promise<Float32Array> {
  const dims = [batch, 3, INPUT.height, INPUT.width];
  const out = await session.run({ [HRNET_INPUT_NAME]: { type: 'float32', data: inputImages(batch), dims } });
  return out[HRNET_OUTPUT_NAME].data as Float32Array;
}

function maxDifference(a: Float32Array, b: Float32Array, length: number): number {
  let max = 0;
  for (let i = 0; i < length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

async function timeBatch(session: ModelSession, batch: number) {
  await runBatch(session, batch); // warm-up: kernels compile on first use
  const times: number[] = [];
  for (let r = 0; r < TIMED_RUNS; r++) {
    const start = performance.now();
    await runBatch(session, batch);
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  const ms = times[Math.floor(times.length / 2)];
  return { msPerBatch: Math.round(ms * 10) / 10, boxesPerSecond: Math.round((batch * 1000) / ms) };
}

async function benchProvider(
  device: string,
  files: Record<Precision, string>,
  reference: Float32Array,
  batches: number[],
) {
  const report: Record<string, unknown> = {};
  for (const precision of ['fp32', 'fp16'] as const) {
    const warnings: string[] = [];
    const session = await createSession(files[precision], {
      device: device as never,
      onWarning: (w) => warnings.push(w),
    });
    try {
      if (session.provider !== device)
        return { works: false, why: warnings.join(' ') || `fell back to ${session.provider}` };
      const sameInput = await runBatch(session, REFERENCE_IMAGES);
      const diff = maxDifference(sameInput, reference, reference.length);
      const perBatch: Record<string, unknown> = {};
      for (const batch of batches) perBatch[`batch${batch}`] = await timeBatch(session, batch);
      report[precision] = {
        maxDiffFromCpu: {
          value: Number(diff.toPrecision(3)),
          target: `<= ${MAX_DIFF[precision]}`,
          pass: diff <= MAX_DIFF[precision],
        },
        ...perBatch,
      };
    } finally {
      await session.dispose();
    }
  }
  return { works: true, ...report };
}

export async function run(ctx?: { log(message: string): void }): Promise<Record<string, unknown>> {
  const log = ctx?.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const batches = process.env.POSETRAIL_GPU_BATCHES?.split(',').map(Number) ?? DEFAULT_BATCHES;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-gpu-'));
  try {
    const arch = describeHrnet(WIDTH);
    const weights = randomHrnetWeights(arch, WIDTH);
    const files = {} as Record<Precision, string>;
    for (const precision of ['fp32', 'fp16'] as const) {
      const graph = buildHrnetGraph(arch, (name) => weights.get(name)!.data, {
        inputWidth: INPUT.width,
        inputHeight: INPUT.height,
        foldBatchNorm: true,
        float16: precision === 'fp16',
      });
      files[precision] = path.join(dir, `hrnet-w48-384x288-${precision}.onnx`);
      await writeFile(files[precision], writeOnnxModel(graph));
    }
    log(`HRNet-W48 384×288 built; CPU reference on ${REFERENCE_IMAGES} images…`);
    const cpu = await createSession(files.fp32, { device: 'cpu' });
    const started = performance.now();
    const reference = await runBatch(cpu, REFERENCE_IMAGES).finally(() => cpu.dispose());
    const cpuBoxesPerSecond = Math.round((REFERENCE_IMAGES * 1000 * 100) / (performance.now() - started)) / 100;
    const candidates = availableDevices().filter((d) => d !== 'cpu');
    const providers: Record<string, unknown> = {};
    for (const device of candidates) {
      log(`trying ${device}…`);
      providers[device] = await benchProvider(device, files, reference, batches).catch((error: Error) => ({
        works: false,
        why: error.message,
      }));
    }
    const working = Object.entries(providers)
      .filter(([, r]) => (r as { works: boolean }).works)
      .map(([d]) => d);
    const note = working.length
      ? `GPU providers that work here: ${working.join(', ')}.`
      : `No GPU execution provider opens a session on this machine (${candidates.length ? `tried ${candidates.join(', ')}` : 'none in this onnxruntime build'}); nothing to measure on a GPU.`;
    log(note);
    return {
      model: 'hrnet-w48-384x288 (random weights)',
      machine: { cpus: os.availableParallelism(), platform: `${process.platform}-${process.arch}` },
      cpuBoxesPerSecond,
      batches,
      note,
      working,
      providers,
      targetBoxesPerSecond: TARGET_BOXES_PER_SECOND,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
