/**
 * Inference section for `npm run bench`: detector frames/s, pose boxes/s, and the pose stage
 * (crop + normalise + run + decode) against the bare `session.run` on pre-made tensors of the same
 * batch size. Target: the stage keeps ≥ 0.85 of the bare throughput, i.e. crop and decode do not
 * dominate. Detectors are measured with tiling 'off' (one model run per frame, compared with the
 * bare run) and 'auto' (the full frame plus the tile grid: 7 runs per 1768×994 frame for the
 * 416×416 YOLOX). Real frames of the two-people clip with both people in view (70–115, every 5th).
 *
 * Pose models: the shared simplepose-nano (batch fixed at 1: one call per box) and an HRNet-W32
 * 256×192 with random weights built by the converter (dynamic batch: both boxes in one call;
 * speed does not depend on the weight values). POSETRAIL_BENCH_INFERENCE_HRNET=skip leaves HRNet out.
 * Stage and bare runs alternate round by round and medians are reported, so load from other
 * processes affects both sides alike.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDetector, type Detector } from '../../core/detect/detector';
import { createPoseEstimator, type PoseEstimator } from '../../core/pose/estimator';
import { loadModel } from '../../core/models/load-model';
import type { NdArray } from '../../core/models/onnx';
import { probeVideo, readFrames } from '../../core/video';
import { buildHrnetGraph } from '../../core/convert/hrnet';
import { describeHrnet } from '../../core/convert/hrnet-arch';
import { randomHrnetWeights } from '../../core/convert/random-weights';
import { writeOnnxModel } from '../../core/convert/onnx-writer';
import type { Box, Frame } from '../../core/types';
import { checkTarget, median, type BenchContext } from './context';

const FIRST_FRAME = 70;
const FRAME_COUNT = 10;
const FRAME_STRIDE = 5;
const ROUNDS = 5;
const STAGE_RATIO_TARGET = 0.85;

interface Sample {
  frame: Frame;
  boxes: Box[];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function timeMs(job: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await job();
  return performance.now() - start;
}

async function decodeFrames(sharedAssets: string): Promise<Frame[]> {
  const info = await probeVideo(path.join(sharedAssets, 'videos/two_people_1768x994_vp9.mp4'));
  const frames: Frame[] = [];
  const endFrame = FIRST_FRAME + FRAME_COUNT * FRAME_STRIDE;
  for await (const frame of readFrames(info, { startFrame: FIRST_FRAME, endFrame, stride: FRAME_STRIDE }))
    frames.push(frame);
  return frames;
}

/** Detector frames/s with tiling off and auto; the bare model on one pre-made input for comparison. */
async function benchDetector(model: string, frames: Frame[]): Promise<Record<string, unknown>> {
  return {
    off: await benchDetectorTiling(model, 'off', frames),
    auto: await benchDetectorTiling(model, 'auto', frames),
  };
}

async function benchDetectorTiling(
  model: string,
  tiling: 'off' | 'auto',
  frames: Frame[],
): Promise<Record<string, unknown>> {
  const detector = await createDetector({ model, device: 'cpu', tiling });
  const { manifest, session } = await loadModel(model, { device: 'cpu' });
  try {
    const { width, height, name } = manifest.input;
    const input: NdArray = {
      type: 'float32',
      data: new Float32Array(3 * width * height).fill(0.5),
      dims: [1, 3, height, width],
    };
    await detector.detect(frames[0]);
    await session.run({ [name]: input });
    const stage: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      stage.push(
        await timeMs(async () => {
          for (const frame of frames) await detector.detect(frame);
        }),
      );
      bare.push(
        await timeMs(async () => {
          for (let i = 0; i < frames.length; i++) await session.run({ [name]: input });
        }),
      );
    }
    const framesPerSec = (frames.length * 1000) / median(stage);
    const bareRunsPerSec = (frames.length * 1000) / median(bare);
    const views = detector.viewsFor(frames[0].width, frames[0].height).length;
    return {
      framesPerSec: round(framesPerSec),
      viewsPerFrame: views,
      bareRunsPerSec: round(bareRunsPerSec),
      // Letterboxing a 1768×994 frame (area-averaged) and copying tiles is real work: informational,
      // no target. With tiles, model runs per second (frames/s × views) against the bare runs/s.
      stageVsBare: round((framesPerSec * views) / bareRunsPerSec, 3),
    };
  } finally {
    await detector.dispose();
    await session.dispose();
  }
}

/**
 * Pose stage boxes/s vs bare runs on pre-made tensors at the batch the stage uses: batch 1 per box
 * for a fixed-batch model, all of a frame's boxes in one call for a dynamic one.
 */
async function benchPose(model: string, samples: Sample[], rounds: number): Promise<Record<string, unknown>> {
  const estimator: PoseEstimator = await createPoseEstimator({ model, device: 'cpu' });
  const { manifest, session } = await loadModel(model, { device: 'cpu' });
  try {
    const { width, height, name } = manifest.input;
    const dynamic = typeof session.inputShapes[name]?.[0] !== 'number';
    const feedsFor = new Map<number, Record<string, NdArray>>();
    const feeds = (batch: number) => {
      let feed = feedsFor.get(batch);
      if (!feed) {
        const data = new Float32Array(batch * 3 * width * height).map((_, i) => Math.sin(i * 0.01));
        feedsFor.set(batch, (feed = { [name]: { type: 'float32', data, dims: [batch, 3, height, width] } }));
      }
      return feed;
    };
    // The same calls the stage makes, on tensors made once beforehand.
    const bareCalls = samples.flatMap((s) => (dynamic ? [s.boxes.length] : s.boxes.map(() => 1)));
    const boxes = samples.reduce((n, s) => n + s.boxes.length, 0);
    await estimator.estimate(samples[0].frame, samples[0].boxes);
    await session.run(feeds(bareCalls[0]));
    const stage: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < rounds; r++) {
      stage.push(
        await timeMs(async () => {
          for (const s of samples) await estimator.estimate(s.frame, s.boxes);
        }),
      );
      bare.push(
        await timeMs(async () => {
          for (const batch of bareCalls) await session.run(feeds(batch));
        }),
      );
    }
    const boxesPerSec = (boxes * 1000) / median(stage);
    const bareBoxesPerSec = (boxes * 1000) / median(bare);
    return {
      batching: dynamic ? 'one call per frame' : 'one call per box',
      boxes,
      boxesPerSec: round(boxesPerSec),
      bareBoxesPerSec: round(bareBoxesPerSec),
      stageVsBare: checkTarget(boxesPerSec / bareBoxesPerSec, '>=', STAGE_RATIO_TARGET),
    };
  } finally {
    await estimator.dispose();
    await session.dispose();
  }
}

/** An HRNet-W32 256×192 with random weights under the manifest's file name, so loadModel finds it. */
async function randomHrnetW32(dir: string): Promise<string> {
  const arch = describeHrnet(32);
  const weights = randomHrnetWeights(arch, 32);
  const graph = buildHrnetGraph(arch, (name) => weights.get(name)!.data, {
    inputWidth: 192,
    inputHeight: 256,
    foldBatchNorm: true,
    float16: false,
  });
  const file = path.join(dir, 'hrnet_w32_coco_256x192.onnx');
  await writeFile(file, writeOnnxModel(graph));
  return file;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  process.env.POSETRAIL_MODEL_PATH = path.join(ctx.sharedAssets, 'models');
  ctx.log('decoding frames');
  const frames = await decodeFrames(ctx.sharedAssets);
  const report: Record<string, unknown> = { frames: frames.length, frameSize: [frames[0].width, frames[0].height] };

  ctx.log('detectors');
  report['yolox-nano-416'] = await benchDetector('yolox-nano-416', frames);
  report['rtmdet-nano'] = await benchDetector('rtmdet-nano', frames);

  const detector: Detector = await createDetector({
    model: 'yolox-nano-416',
    device: 'cpu',
    minScore: 0.5,
    tiling: 'off',
  });
  const samples: Sample[] = [];
  for (const frame of frames) samples.push({ frame, boxes: await detector.detect(frame) });
  await detector.dispose();

  ctx.log('simplepose-nano');
  report['simplepose-nano'] = await benchPose('simplepose-nano', samples, ROUNDS);
  if (process.env.POSETRAIL_BENCH_INFERENCE_HRNET !== 'skip') {
    ctx.log('hrnet-w32 (random weights)');
    // HRNet-W32 runs at a few boxes/s on two cores: three frames and three rounds are enough.
    report['hrnet-w32-random'] = await benchPose(await randomHrnetW32(ctx.tmpDir), samples.slice(0, 3), 3);
  }
  return report;
}
