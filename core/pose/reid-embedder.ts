import type { Box, ExecutionDevice, Frame } from '../types';
import type { ModelManifest } from '../models/manifest';
import type { ModelSession, NdArray } from '../models/onnx';
import { loadModel } from '../models/load-model';
import { emptyCallTimes, recordModelCall, type ModelCallTimes } from '../models/call-times';
import { float16ToFloat32 } from '../convert/float16';
import type { Affine } from '../imaging/affine';
import { channelPlan, normalizationFromManifest, type ChannelPlan } from '../imaging/normalization';
import { sampleToTensor } from '../imaging/sample-to-tensor';
import { unitLength } from '../util/unit-vector';

/**
 * A person re-identification model (manifest task `person-reid`): each person's box, stretched to
 * the model's input, becomes one embedding, L2-normalised so that the dot product of two is their
 * cosine similarity. The tracker compares people by it instead of by their colours.
 */
export interface PersonEmbedder {
  manifest: ModelManifest;
  provider: string;
  /** Time spent so far in crops, model calls and reading the embeddings, and the calls made. */
  readonly times?: ModelCallTimes;
  /** One unit-length embedding per box, in box order (all zero for a box with no area). */
  embed(frame: Frame, boxes: readonly Box[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface PersonEmbedderOptions {
  /** A model id or a path to a known model file. */
  model: string;
  device?: ExecutionDevice;
  threads?: number;
  onWarning?: (message: string) => void;
}

/** Crops per call when the file leaves the batch free. */
const DYNAMIC_BATCH_CROPS = 8;

export async function createPersonEmbedder(options: PersonEmbedderOptions): Promise<PersonEmbedder> {
  const { manifest, session } = await loadModel(options.model, {
    device: options.device,
    threads: options.threads,
    onWarning: options.onWarning,
  });
  try {
    return new OnnxPersonEmbedder(manifest, session);
  } catch (error) {
    await session.dispose();
    throw error;
  }
}

/** Maps input-tensor pixels onto the box: the whole box fills the input, whatever its aspect. */
export function stretchToBox(box: Box, inputSize: readonly [width: number, height: number]): Affine {
  return [box.w / inputSize[0], 0, box.x, 0, box.h / inputSize[1], box.y];
}

/** Batches of 3 planes of `pixels` values each (CHW) rearranged with the channels last (HWC). */
export function planarToInterleaved(planar: Float32Array, batch: number, pixels: number): Float32Array {
  const out = new Float32Array(planar.length);
  for (let n = 0; n < batch; n++) {
    const base = n * 3 * pixels;
    for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) out[base + 3 * i + c] = planar[base + c * pixels + i];
  }
  return out;
}

class OnnxPersonEmbedder implements PersonEmbedder {
  readonly provider: string;
  readonly times = emptyCallTimes();
  private readonly inputSize: [width: number, height: number];
  private readonly plan: ChannelPlan;
  private readonly callSize: number;
  private readonly fixedBatch: boolean;
  private readonly embeddingSize: number;

  constructor(
    readonly manifest: ModelManifest,
    private readonly session: ModelSession,
  ) {
    if (manifest.task !== 'person-reid' || manifest.output.decoder !== 'embedding' || !manifest.output.embeddingSize) {
      throw new Error(
        `Model ${manifest.id} is a ${manifest.task} model, not a person re-ID model with an embedding size.`,
      );
    }
    this.provider = session.provider;
    this.inputSize = [manifest.input.width, manifest.input.height];
    this.plan = channelPlan(normalizationFromManifest(manifest));
    this.embeddingSize = manifest.output.embeddingSize;
    // Input name, crop size, layout and batch are the file's own (loadModel reads them from it).
    const fixed = typeof manifest.input.batch === 'number' ? manifest.input.batch : null;
    this.fixedBatch = fixed !== null;
    this.callSize = fixed ?? DYNAMIC_BATCH_CROPS;
  }

  /** Each call fills its own input tensor, so overlapping calls do not disturb each other. */
  async embed(frame: Frame, boxes: readonly Box[]): Promise<Float32Array[]> {
    const embeddings: Float32Array[] = [];
    for (let start = 0; start < boxes.length; start += this.callSize) {
      embeddings.push(...(await this.runChunk(frame, boxes.slice(start, start + this.callSize))));
    }
    return embeddings;
  }

  private async runChunk(frame: Frame, boxes: readonly Box[]): Promise<Float32Array[]> {
    const [width, height] = this.inputSize;
    const cropLength = 3 * width * height;
    const startMs = performance.now();
    const batch = this.fixedBatch ? this.callSize : boxes.length;
    // Slots past the boxes (a fixed-batch file) stay zero and are not read back.
    const data = new Float32Array(batch * cropLength);
    boxes.forEach((box, slot) =>
      sampleToTensor(frame, stretchToBox(box, this.inputSize), this.inputSize, this.plan, data, slot * cropLength),
    );
    const channelsLast = this.manifest.input.layout === 'NHWC';
    const input: NdArray = channelsLast
      ? { type: 'float32', data: planarToInterleaved(data, batch, width * height), dims: [batch, height, width, 3] }
      : { type: 'float32', data, dims: [batch, 3, height, width] };
    const modelStartMs = performance.now();
    this.times.preMs += modelStartMs - startMs;
    const outputs = await this.session.run({ [this.manifest.input.name]: input });
    const postStartMs = performance.now();
    recordModelCall(this.times, batch, postStartMs - modelStartMs);
    const values = this.valuesFrom(outputs, batch);
    const embeddings = boxes.map((box, slot) => {
      if (!(box.w > 0 && box.h > 0)) return new Float32Array(this.embeddingSize);
      return unitLength(values.slice(slot * this.embeddingSize, (slot + 1) * this.embeddingSize));
    });
    this.times.postMs += performance.now() - postStartMs;
    return embeddings;
  }

  private valuesFrom(outputs: Record<string, NdArray>, batch: number): Float32Array {
    const name = this.manifest.output.names[0];
    const output = outputs[name];
    if (!output) throw new Error(`Model ${this.manifest.id} returned no output "${name}".`);
    if (output.dims.length !== 2 || output.dims[0] !== batch || output.dims[1] !== this.embeddingSize) {
      throw new Error(
        `Model ${this.manifest.id} returned embeddings of shape [${output.dims.join(',')}]; expected [${batch},${this.embeddingSize}].`,
      );
    }
    if (output.type === 'float32') return output.data as Float32Array;
    if (output.type === 'float16') return float16ToFloat32(output.data as Uint16Array);
    throw new Error(`Model ${this.manifest.id} returned ${output.type} embeddings; float32 or float16 expected.`);
  }

  dispose(): Promise<void> {
    return this.session.dispose();
  }
}
