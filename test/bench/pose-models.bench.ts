/**
 * Pose-models section for `npm run bench -- --only pose-models`: boxes/s of HRNet-W32 256×192 and
 * every RTMPose size, each built by the converter from seeded random weights (speed does not
 * depend on the values), at batch 1 and 8, in one run. Rounds go over all models in turn, so load
 * from other processes spreads over them alike; medians are reported with the published COCO AP
 * and GFLOPs from the manifests. These figures choose the CPU default pose model (see
 * core/settings/run-defaults.ts and the README's model table).
 *
 * POSETRAIL_BENCH_DEVICE picks the execution device (default cpu); POSETRAIL_BENCH_POSE_ROUNDS the
 * timed rounds (default 3; one warm-up call per model and batch comes first).
 */
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeRandomRtmposeOnnx } from '../../core/convert/convert-checkpoint';
import { buildHrnetGraph } from '../../core/convert/hrnet';
import { describeHrnet } from '../../core/convert/hrnet-arch';
import { writeOnnxModel } from '../../core/convert/onnx-writer';
import { randomHrnetWeights } from '../../core/convert/random-weights';
import { getManifest } from '../../core/models/registry';
import type { ModelManifest } from '../../core/models/manifest';
import { createSession, type ModelSession, type NdArray } from '../../core/models/onnx';
import type { ExecutionDevice } from '../../core/types';
import { median, type BenchContext } from './context';

export const POSE_BENCH_MODELS = [
  'hrnet-w32-coco-256x192',
  'rtmpose-t-coco-256x192',
  'rtmpose-s-coco-256x192',
  'rtmpose-m-coco-256x192',
  'rtmpose-l-coco-256x192',
  'rtmpose-m-coco-384x288',
  'rtmpose-l-coco-384x288',
] as const;
const BATCH_SIZES = [1, 8] as const;
const DEFAULT_ROUNDS = 3;
const WEIGHT_SEED = 1;

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

interface Loaded {
  manifest: ModelManifest;
  session: ModelSession;
  feeds: Map<number, Record<string, NdArray>>;
  msPerBatch: Map<number, number[]>;
}

/** The model's ONNX file from random weights, as `models convert` would build it from a checkpoint. */
async function writeRandomModel(manifest: ModelManifest, file: string): Promise<void> {
  const arch = manifest.convert?.arch;
  const { width, height } = manifest.input;
  if (arch === 'hrnet-w32' || arch === 'hrnet-w48') {
    const described = describeHrnet(arch === 'hrnet-w32' ? 32 : 48);
    const weights = randomHrnetWeights(described, WEIGHT_SEED);
    await writeFile(
      file,
      writeOnnxModel(
        buildHrnetGraph(described, (name) => weights.get(name)!.data, { inputWidth: width, inputHeight: height }),
      ),
    );
  } else if (arch?.startsWith('rtmpose-')) {
    await writeRandomRtmposeOnnx(arch as 'rtmpose-m', width, height, file, WEIGHT_SEED);
  } else {
    throw new Error(`No random-weight builder for ${manifest.id} (convert.arch ${arch ?? 'missing'}).`);
  }
}

function feedsFor(manifest: ModelManifest, batch: number): Record<string, NdArray> {
  const dims = [batch, 3, manifest.input.height, manifest.input.width];
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.01);
  return { [manifest.input.name]: { type: 'float32', data, dims } };
}

async function load(id: string, dir: string, device: ExecutionDevice): Promise<Loaded> {
  const manifest = getManifest(id);
  const file = path.join(dir, manifest.file);
  await writeRandomModel(manifest, file);
  const session = await createSession(file, { device });
  const feeds = new Map(BATCH_SIZES.map((batch) => [batch, feedsFor(manifest, batch)] as const));
  for (const batch of BATCH_SIZES) await session.run(feeds.get(batch)!); // warm-up
  return { manifest, session, feeds, msPerBatch: new Map(BATCH_SIZES.map((b) => [b, []])) };
}

function summary(model: Loaded): Record<string, unknown> {
  const gflops = model.manifest.params?.gflops ?? 0;
  const result: Record<string, unknown> = { cocoAp: model.manifest.cocoAp, gflops, provider: model.session.provider };
  for (const batch of BATCH_SIZES) {
    const ms = median(model.msPerBatch.get(batch)!);
    const boxesPerSec = (batch * 1000) / ms;
    result[`batch${batch}`] = {
      msPerBatch: round(ms),
      boxesPerSec: round(boxesPerSec),
      gflopPerSec: round(boxesPerSec * gflops),
    };
  }
  return result;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const device = (process.env.POSETRAIL_BENCH_DEVICE ?? 'cpu') as ExecutionDevice;
  const rounds = Number(process.env.POSETRAIL_BENCH_POSE_ROUNDS ?? DEFAULT_ROUNDS);
  const models: Loaded[] = [];
  try {
    for (const id of POSE_BENCH_MODELS) {
      ctx.log(`building ${id} from random weights`);
      models.push(await load(id, ctx.tmpDir, device));
    }
    for (let r = 0; r < rounds; r++) {
      ctx.log(`round ${r + 1}/${rounds}`);
      for (const model of models) {
        for (const batch of BATCH_SIZES) {
          const start = performance.now();
          await model.session.run(model.feeds.get(batch)!);
          model.msPerBatch.get(batch)!.push(performance.now() - start);
        }
      }
    }
    const report: Record<string, unknown> = { device, cores: os.availableParallelism(), rounds };
    for (const model of models) report[model.manifest.id] = summary(model);
    return report;
  } finally {
    for (const model of models) await model.session.dispose();
    for (const model of models) await rm(path.join(ctx.tmpDir, model.manifest.file), { force: true });
  }
}
