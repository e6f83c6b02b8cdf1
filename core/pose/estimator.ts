import type { Box, Frame, Keypoint, Pose } from '../types';
import type { ModelManifest } from '../models/manifest';
import type { ModelSession, NdArray } from '../models/onnx';
import { loadModel } from '../models/load-model';
import { emptyCallTimes, recordModelCall, type ModelCallTimes } from '../models/call-times';
import { getSchema, type KeypointSchema } from '../keypoints/schema';
import { applyAffine } from '../imaging/affine';
import { cropTransform, type CropTransform } from './crop-transform';
import { flipPlanesHorizontally } from './flip';
import { poseOutputCodec, type PoseOutputCodec } from './output-codec';
import { channelPlan, normalizationFromManifest, type ChannelPlan } from '../imaging/normalization';
import {
  defaultMaxPoseBatch,
  resolvePoseOptions,
  type PoseEstimatorOptions,
  type ResolvedPoseOptions,
} from './options';
import { poseScore } from './pose-score';
import { sampleToTensor } from '../imaging/sample-to-tensor';
import { SerialQueue } from '../imaging/serial';

export type { PoseEstimatorOptions, HeatmapRefinement } from './options';
export { DEFAULT_MAX_POSE_BATCH, DEFAULT_MAX_POSE_BATCH_CPU } from './options';

export interface PoseEstimator {
  manifest: ModelManifest;
  schema: KeypointSchema;
  provider: string;
  /** Time spent so far in crops, model calls and heatmap decoding, and the calls made. */
  readonly times: ModelCallTimes;
  /**
   * One pose per box, in box order. Keypoints are [x, y, score] in image pixels (continuous
   * coordinates: the centre of pixel (i, j) is (i + 0.5, j + 0.5)); scores are heatmap or SimCC maxima clamped to 0..1.
   */
  estimate(frame: Frame, boxes: readonly Box[]): Promise<Pose[]>;
  dispose(): Promise<void>;
}

/** Loads a top-down pose model (HRNet, SimpleBaseline: heatmaps; RTMPose: SimCC) described by its manifest. */
export async function createPoseEstimator(options: PoseEstimatorOptions): Promise<PoseEstimator> {
  const resolved = resolvePoseOptions(options);
  const { manifest, session } = await loadModel(options.model, {
    device: options.device,
    threads: options.threads,
    onWarning: options.onWarning,
  });
  try {
    return new HeatmapPoseEstimator(manifest, session, resolved);
  } catch (error) {
    await session.dispose();
    throw error;
  }
}

/** One crop to run: box `box`, mirrored or not. */
interface CropJob {
  box: number;
  flipped: boolean;
}

class HeatmapPoseEstimator implements PoseEstimator {
  readonly schema: KeypointSchema;
  readonly provider: string;
  readonly times = emptyCallTimes();
  private readonly inputSize: [width: number, height: number];
  /** Heatmaps or SimCC vectors, as the manifest's output.decoder says. */
  private readonly codec: PoseOutputCodec;
  private readonly plan: ChannelPlan;
  /** Crops per call; `fixedBatch` when the file fixes the batch dimension (unused slots are padded). */
  private readonly callSize: number;
  private readonly fixedBatch: boolean;
  private readonly inputs = new Map<number, NdArray>();
  private readonly coords: Float64Array;
  private readonly cropScratch: Float32Array;
  private flipScratch: Float32Array;
  private averaged = new Float32Array(0);
  private readonly queue = new SerialQueue();

  constructor(
    readonly manifest: ModelManifest,
    private readonly session: ModelSession,
    private readonly options: ResolvedPoseOptions,
  ) {
    if (manifest.task !== 'pose-topdown-heatmap')
      throw new Error(`Model ${manifest.id} is a ${manifest.task} model, not a top-down pose model.`);
    if (!manifest.keypointSchema) throw new Error(`Model manifest ${manifest.id} lacks keypointSchema.`);
    this.schema = getSchema(manifest.keypointSchema);
    this.codec = poseOutputCodec(manifest, this.schema);
    this.provider = session.provider;
    this.inputSize = [manifest.input.width, manifest.input.height];
    this.plan = channelPlan(normalizationFromManifest(manifest));
    const declaredBatch = session.inputShapes[manifest.input.name]?.[0];
    this.fixedBatch = typeof declaredBatch === 'number' || typeof manifest.input.batch === 'number';
    this.callSize =
      typeof declaredBatch === 'number'
        ? declaredBatch
        : typeof manifest.input.batch === 'number'
          ? manifest.input.batch
          : (options.maxBatch ?? defaultMaxPoseBatch(session.provider));
    this.coords = new Float64Array(this.schema.names.length * 3);
    this.cropScratch = new Float32Array(this.cropLength);
    this.flipScratch = new Float32Array(this.heatmapLength);
  }

  private get cropLength(): number {
    return 3 * this.inputSize[0] * this.inputSize[1];
  }

  /** Output floats per crop (heatmaps or SimCC vectors). */
  private get heatmapLength(): number {
    return this.codec.cropLength;
  }

  estimate(frame: Frame, boxes: readonly Box[]): Promise<Pose[]> {
    return this.queue.run(() => this.estimateNow(frame, boxes));
  }

  private async estimateNow(frame: Frame, boxes: readonly Box[]): Promise<Pose[]> {
    if (boxes.length === 0) return [];
    const crops = boxes.map((box) => cropTransform(box, this.inputSize));
    const jobs: CropJob[] = boxes.flatMap((_, box) =>
      this.options.flipTest
        ? [
            { box, flipped: false },
            { box, flipped: true },
          ]
        : [{ box, flipped: false }],
    );
    const flipTest = this.options.flipTest;
    // Without the flip test each box's heatmaps are decoded straight from the output; with it,
    // both halves are summed here first.
    if (flipTest) {
      if (this.averaged.length < boxes.length * this.heatmapLength)
        this.averaged = new Float32Array(boxes.length * this.heatmapLength);
      this.averaged.fill(0, 0, boxes.length * this.heatmapLength);
    }
    const poses: Pose[] = new Array(boxes.length);
    for (let start = 0; start < jobs.length; start += this.callSize) {
      const chunk = jobs.slice(start, start + this.callSize);
      const heatmaps = await this.runChunk(frame, crops, chunk);
      const decodeStartMs = performance.now();
      chunk.forEach((job, slot) => {
        const offset = slot * this.heatmapLength;
        if (!flipTest) {
          poses[job.box] = this.decode(heatmaps, offset, crops[job.box], boxes[job.box]);
          return;
        }
        const source = job.flipped
          ? this.codec.unflip(heatmaps, offset, this.flipScratch)
          : heatmaps.subarray(offset, offset + this.heatmapLength);
        const target = job.box * this.heatmapLength;
        for (let i = 0; i < this.heatmapLength; i++) this.averaged[target + i] += 0.5 * source[i];
      });
      this.times.postMs += performance.now() - decodeStartMs;
    }
    if (flipTest) {
      const decodeStartMs = performance.now();
      boxes.forEach((box, i) => {
        poses[i] = this.decode(this.averaged, i * this.heatmapLength, crops[i], box);
      });
      this.times.postMs += performance.now() - decodeStartMs;
    }
    return poses;
  }

  /** Fills the input tensor with the chunk's crops, runs the model, returns (n,K,H,W) heatmaps. */
  private async runChunk(frame: Frame, crops: CropTransform[], chunk: CropJob[]): Promise<Float32Array> {
    const startMs = performance.now();
    const input = this.inputFor(this.fixedBatch ? this.callSize : chunk.length);
    const data = input.data as Float32Array;
    const cropLength = this.cropLength;
    chunk.forEach((job, slot) => {
      if (job.flipped) {
        // The unflipped crop of this box was sampled just before (same or previous call).
        flipPlanesHorizontally(this.cropScratch, 0, data, slot * cropLength, [3, this.inputSize[1], this.inputSize[0]]);
      } else {
        sampleToTensor(frame, crops[job.box].cropToImage, this.inputSize, this.plan, data, slot * cropLength);
        if (this.options.flipTest) this.cropScratch.set(data.subarray(slot * cropLength, (slot + 1) * cropLength));
      }
    });
    const modelStartMs = performance.now();
    this.times.preMs += modelStartMs - startMs;
    const outputs = await this.session.run({ [this.manifest.input.name]: input });
    recordModelCall(this.times, input.dims[0], performance.now() - modelStartMs);
    return this.codec.gather(outputs, input.dims[0]);
  }

  private inputFor(batch: number): NdArray {
    let input = this.inputs.get(batch);
    if (!input) {
      const [width, height] = this.inputSize;
      input = { type: 'float32', data: new Float32Array(batch * this.cropLength), dims: [batch, 3, height, width] };
      this.inputs.set(batch, input);
    }
    return input;
  }

  /** Model outputs of one box → keypoints in image pixels and the pose score. */
  private decode(heatmaps: Float32Array, offset: number, crop: CropTransform, box: Box): Pose {
    const coords = this.codec.decode(heatmaps, offset, this.coords, this.options.refine);
    const keypointCount = this.schema.names.length;
    const keypoints: Keypoint[] = new Array(keypointCount);
    const scores = new Float32Array(keypointCount);
    for (let k = 0; k < keypointCount; k++) {
      // Continuous model input pixels → image pixels.
      const [x, y] = applyAffine(crop.cropToImage, coords[k * 3], coords[k * 3 + 1]);
      const score = Math.min(1, Math.max(0, coords[k * 3 + 2]));
      keypoints[k] = [x, y, score];
      scores[k] = score;
    }
    return { keypoints, box: { ...box }, score: poseScore(scores, box.score) };
  }

  async dispose(): Promise<void> {
    await this.queue.run(() => this.session.dispose());
  }
}
