import type { Box, Frame } from '../types';
import type { ModelManifest } from '../models/manifest';
import type { ModelSession, NdArray } from '../models/onnx';
import { loadModel } from '../models/index';
import { channelPlan, normalizationFromManifest } from '../pose/normalization';
import { sampleToTensor } from '../pose/sample-to-tensor';
import { computeLetterbox, letterboxBoxToImage, type LetterboxAlign } from './letterbox';
import { nonMaxSuppression } from './nms';
import { decodeRtmdet } from './rtmdet-decode';
import { decodeYolox, type Corners } from './yolox-decode';
import { SerialQueue } from '../pose/serial';
import { resolveDetectorOptions, type DetectorOptions, type ResolvedDetectorOptions } from './options';

export type { DetectorOptions } from './options';
export { DEFAULT_NMS_IOU, DEFAULT_MAX_DETECTIONS } from './options';
export { boxIou, nonMaxSuppression } from './nms';

export interface Detector {
  manifest: ModelManifest;
  /** Execution provider the model runs on ('cpu', 'cuda', 'webgpu', …). */
  provider: string;
  /** Person boxes in image pixels, clipped to the image, best score first. */
  detect(frame: Frame): Promise<Box[]>;
  dispose(): Promise<void>;
}

/** Loads a person detector (YOLOX or RTMDet family) described by its manifest. */
export async function createDetector(options: DetectorOptions): Promise<Detector> {
  const resolved = resolveDetectorOptions(options);
  const { manifest, session } = await loadModel(options.model, {
    device: options.device,
    threads: options.threads,
    onWarning: options.onWarning,
  });
  try {
    return new OnnxDetector(manifest, session, resolved);
  } catch (error) {
    await session.dispose();
    throw error;
  }
}

function letterboxAlign(manifest: ModelManifest): LetterboxAlign {
  switch (manifest.input.resize) {
    case 'letterbox-topleft':
      return 'topleft';
    case 'letterbox-center':
      return 'center';
    default:
      throw new Error(`Model ${manifest.id} uses "${manifest.input.resize}" resizing; a detector needs letterbox-topleft or letterbox-center.`);
  }
}

class OnnxDetector implements Detector {
  readonly provider: string;
  private readonly inputSize: [number, number];
  private readonly align: LetterboxAlign;
  private readonly plan;
  /** One preallocated input tensor, refilled for every frame. */
  private readonly input: NdArray;
  private readonly queue = new SerialQueue();

  constructor(
    readonly manifest: ModelManifest,
    private readonly session: ModelSession,
    private readonly options: ResolvedDetectorOptions,
  ) {
    if (manifest.task !== 'person-detector') {
      throw new Error(`Model ${manifest.id} is a ${manifest.task} model, not a person detector.`);
    }
    if (manifest.output.decoder !== 'yolox' && manifest.output.decoder !== 'rtmdet') {
      throw new Error(`Model ${manifest.id} has a ${manifest.output.decoder} decoder; a detector needs yolox or rtmdet.`);
    }
    this.provider = session.provider;
    this.inputSize = [manifest.input.width, manifest.input.height];
    this.align = letterboxAlign(manifest);
    this.plan = channelPlan(normalizationFromManifest(manifest));
    const [width, height] = this.inputSize;
    this.input = { type: 'float32', data: new Float32Array(3 * width * height), dims: [1, 3, height, width] };
  }

  detect(frame: Frame): Promise<Box[]> {
    return this.queue.run(() => this.detectNow(frame));
  }

  private async detectNow(frame: Frame): Promise<Box[]> {
    const imageSize: [number, number] = [frame.width, frame.height];
    const letterbox = computeLetterbox(imageSize, this.inputSize, this.align);
    sampleToTensor(frame, letterbox.inputToImage, this.inputSize, this.plan, this.input.data as Float32Array);
    const outputs = await this.session.run({ [this.manifest.input.name]: this.input });
    const boxes: Box[] = [];
    for (const corners of this.decode(outputs)) {
      const box = letterboxBoxToImage(corners, letterbox, imageSize);
      if (box) boxes.push(box);
    }
    return nonMaxSuppression(boxes, this.options.nmsIou, this.options.maxDetections);
  }

  private decode(outputs: Record<string, NdArray>): Corners[] {
    const { manifest } = this;
    const classIndex = manifest.personClass ?? 0;
    const minScore = this.options.minScore;
    const output = (index: number): NdArray => {
      const name = manifest.output.names[index];
      const array = outputs[name];
      if (!array) throw new Error(`Model ${manifest.id} returned no output "${name}".`);
      return array;
    };
    if (manifest.output.decoder === 'yolox') {
      const raw = output(0);
      return decodeYolox(asFloat32(raw, manifest.id), raw.dims, this.inputSize, { classIndex, minScore });
    }
    const labels = output(1).data as BigInt64Array | Int32Array;
    return decodeRtmdet(asFloat32(output(0), manifest.id), labels, { classIndex, minScore });
  }

  async dispose(): Promise<void> {
    await this.queue.run(() => this.session.dispose());
  }
}

function asFloat32(array: NdArray, modelId: string): Float32Array {
  if (array.type !== 'float32') throw new Error(`Model ${modelId} returned ${array.type} boxes; float32 expected.`);
  return array.data as Float32Array;
}
