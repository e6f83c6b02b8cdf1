import type { Box, Frame } from '../types';
import type { ModelManifest } from '../models/manifest';
import type { ModelSession, NdArray } from '../models/onnx';
import { loadModel } from '../models/load-model';
import { emptyCallTimes, recordModelCall, type ModelCallTimes } from '../models/call-times';
import { channelPlan, normalizationFromManifest } from '../imaging/normalization';
import { sampleToTensor, type ResizeFilter, type RgbImage } from '../imaging/sample-to-tensor';
import { letterboxBoxToImage, type LetterboxAlign } from './letterbox';
import { nonMaxSuppression } from './nms';
import type { Corners } from './yolox-decode';
import { decodeDetections } from './detector-output';
import { SerialQueue } from '../imaging/serial';
import { resolveDetectorOptions, type DetectorOptions, type ResolvedDetectorOptions } from './options';
import { detectionViews, type DetectionView } from './detection-views';
import { copyTile } from './copy-tile';
import { tileBoxToImage, type TileBox } from './tile-box';
import { mergeTiledDetections } from './merge-tiles';
import { detectorInputSize } from './input-size';
import { selectViews } from './select-views';

export type { DetectorOptions } from './options';
export { DEFAULT_NMS_IOU, DEFAULT_MAX_DETECTIONS } from './options';
export { boxIou, boxIos, nonMaxSuppression } from './nms';
export { parseTilingSpec, resolveTiling, type TilingOption, type TileLayout } from './tiling-options';
export type { DetectionView } from './detection-views';

/**
 * A tile box side this close to an inner tile edge (in model-input pixels) marks a fragment: the
 * box of a person running out of the tile often stops a few pixels short of the edge.
 */
const CUT_EDGE_MARGIN_INPUT_PX = 8;

/**
 * YOLOX and RTMDet were trained on OpenCV's bilinear `resize`, which takes the 2×2 pixels around
 * each sample point even when shrinking 4× or more. An area-averaged input is a different model:
 * on 20 photos of overlapping people placed into 1920×1080 frames, the decoder's area-averaged copy
 * changed the number of confident boxes on 3 frames and the people found on 5, and on held-out
 * footage it merged two overlapping people into one box. The full-frame view and the tiles are
 * both sampled this way (test/integration/detect/detector-input.test.ts holds it to OpenCV's).
 */
const DETECTOR_RESIZE: ResizeFilter = 'bilinear';

export interface Detector {
  manifest: ModelManifest;
  /** Execution provider the model runs on ('cpu', 'cuda', 'webgpu', …). */
  provider: string;
  /** Time spent so far in pre-processing, model calls and decoding, and the calls made. */
  readonly times: ModelCallTimes;
  /** The model input's [width, height] in pixels. */
  readonly inputSize: readonly [number, number];
  /**
   * Person boxes in image pixels, clipped to the image, best score first. `fullFrameOnly` runs the
   * full-frame view alone, skipping any tiles.
   */
  detect(frame: Frame, options?: DetectViewsOption): Promise<Box[]>;
  /**
   * `detect` for several frames at once (upcoming frames of a video): with a dynamic-batch model
   * all their views share one call, which pays off on GPUs; one result per frame, in order.
   */
  detectFrames(requests: readonly DetectRequest[]): Promise<Box[][]>;
  /** The images one `detect` of a `width × height` frame runs on: the full frame, then any tiles. */
  viewsFor(width: number, height: number): readonly DetectionView[];
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
      throw new Error(
        `Model ${manifest.id} uses "${manifest.input.resize}" resizing; a detector needs letterbox-topleft or letterbox-center.`,
      );
  }
}

/**
 * Which views of a frame to run: all (default); `fullFrameOnly`: the full frame alone; `tilesNear`:
 * only the tiles that overlap these boxes (image pixels), no full frame — a search for people the
 * full-frame pass missed, where they were last seen.
 */
export interface DetectViewsOption {
  fullFrameOnly?: boolean;
  tilesNear?: readonly Box[];
}

/** A frame to detect people in, and which of its views to run. */
export interface DetectRequest extends DetectViewsOption {
  frame: Frame;
}

/** One image of a detector call: a view (full frame or tile) of a frame. */
interface ViewItem {
  frame: Frame;
  view: DetectionView;
}

class OnnxDetector implements Detector {
  readonly provider: string;
  readonly times = emptyCallTimes();
  readonly inputSize: [number, number];
  private readonly align: LetterboxAlign;
  private readonly plan;
  /** True when the file leaves the batch dimension free: all views of a frame go in one run. */
  private readonly batchDynamic: boolean;
  /** Preallocated input tensors by batch size, refilled for every frame. */
  private readonly inputs = new Map<number, NdArray>();
  /** Scratch pixels of the tile being sampled; grows to the largest tile once. */
  private tilePixels: Uint8Array = new Uint8Array(0);
  private views: { width: number; height: number; views: DetectionView[] } | null = null;
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
      throw new Error(
        `Model ${manifest.id} has a ${manifest.output.decoder} decoder; a detector needs yolox or rtmdet.`,
      );
    }
    this.provider = session.provider;
    this.inputSize = detectorInputSize(manifest, session.inputShapes[manifest.input.name], options.inputSizePx);
    this.align = letterboxAlign(manifest);
    this.plan = channelPlan(normalizationFromManifest(manifest));
    const declaredBatch = session.inputShapes[manifest.input.name]?.[0];
    this.batchDynamic = typeof declaredBatch !== 'number' && manifest.input.batch === 'dynamic';
    this.input(1);
  }

  detect(frame: Frame, options: DetectViewsOption = {}): Promise<Box[]> {
    return this.queue.run(async () => (await this.detectNow([{ frame, ...options }]))[0]);
  }

  detectFrames(requests: readonly DetectRequest[]): Promise<Box[][]> {
    return this.queue.run(() => this.detectNow(requests));
  }

  viewsFor(width: number, height: number): readonly DetectionView[] {
    if (this.views?.width !== width || this.views.height !== height) {
      this.views = {
        width,
        height,
        views: detectionViews([width, height], this.inputSize, this.align, this.options.tiling),
      };
    }
    return this.views.views;
  }

  /**
   * Boxes of each frame. With a dynamic batch dimension every view of every frame goes into one
   * call; with a fixed batch of 1, one call per view.
   */
  private async detectNow(requests: readonly DetectRequest[]): Promise<Box[][]> {
    const items: ViewItem[] = requests.flatMap((request) => {
      const views = selectViews(this.viewsFor(request.frame.width, request.frame.height), request);
      return views.map((view) => ({ frame: request.frame, view }));
    });
    const perItem: Corners[][] = [];
    const callSize = this.batchDynamic ? items.length : 1;
    for (let start = 0; start < items.length; start += callSize) {
      perItem.push(...(await this.runViews(items.slice(start, start + callSize))));
    }
    const startMs = performance.now();
    const boxes = requests.map(({ frame }) => {
      const own = items.flatMap((item, i) => (item.frame === frame ? [{ view: item.view, corners: perItem[i] }] : []));
      return this.boxesOfFrame(frame, own);
    });
    this.times.postMs += performance.now() - startMs;
    return boxes;
  }

  /** One frame's detections from its views' raw boxes: plain NMS for the full frame alone, else the tile merge. */
  private boxesOfFrame(frame: Frame, views: { view: DetectionView; corners: Corners[] }[]): Box[] {
    const imageSize: [number, number] = [frame.width, frame.height];
    if (views.length === 1 && !views[0].view.tile) {
      const boxes: Box[] = [];
      for (const corner of views[0].corners) {
        const box = letterboxBoxToImage(corner, views[0].view.letterbox, imageSize);
        if (box) boxes.push(box);
      }
      return nonMaxSuppression(boxes, this.options.nmsIou, this.options.maxDetections);
    }
    const candidates: TileBox[] = [];
    for (const {
      view: { tile, letterbox },
      corners,
    } of views) {
      for (const corner of corners) {
        const box = tile
          ? tileBoxToImage(corner, letterbox, tile, imageSize, CUT_EDGE_MARGIN_INPUT_PX / letterbox.scale)
          : letterboxBoxToImage(corner, letterbox, imageSize);
        if (box) candidates.push({ cut: false, fromTile: false, ...box });
      }
    }
    return mergeTiledDetections(candidates, this.options);
  }

  /** Samples the items' views into one input tensor, runs it, decodes each image. */
  private async runViews(items: readonly ViewItem[]): Promise<Corners[][]> {
    let startMs = performance.now();
    const count = items.length;
    const input = this.input(count);
    const data = input.data as Float32Array;
    const imageFloats = 3 * this.inputSize[0] * this.inputSize[1];
    items.forEach(({ frame, view: { tile, letterbox } }, slot) => {
      let image: RgbImage = frame;
      if (tile) {
        const copied = copyTile(frame, tile, this.tilePixels);
        this.tilePixels = copied.buffer;
        image = copied.image;
      }
      sampleToTensor(
        image,
        letterbox.inputToImage,
        this.inputSize,
        this.plan,
        data,
        slot * imageFloats,
        DETECTOR_RESIZE,
      );
    });
    const modelStartMs = performance.now();
    this.times.preMs += modelStartMs - startMs;
    const outputs = await this.session.run({ [this.manifest.input.name]: input });
    startMs = performance.now();
    recordModelCall(this.times, count, startMs - modelStartMs);
    const decoded = Array.from({ length: count }, (_, slot) =>
      decodeDetections(this.manifest, outputs, slot, this.inputSize, this.options.minScore),
    );
    this.times.postMs += performance.now() - startMs;
    return decoded;
  }

  private input(batch: number): NdArray {
    let input = this.inputs.get(batch);
    if (!input) {
      const [width, height] = this.inputSize;
      input = { type: 'float32', data: new Float32Array(batch * 3 * width * height), dims: [batch, 3, height, width] };
      this.inputs.set(batch, input);
    }
    return input;
  }

  async dispose(): Promise<void> {
    await this.queue.run(() => this.session.dispose());
  }
}
