import type { ExecutionDevice } from '../types';
import { DEFAULT_MIN_BOX_SCORE } from '../settings/run-defaults';
import { resolveTiling, type TilingOption } from './tiling-options';
import { checkDetectorInputSize } from './input-size';

/** Boxes overlapping a better one by more than this IoU are dropped (the YOLOX demo's value). */
export const DEFAULT_NMS_IOU = 0.45;
/** More people than this in one frame is beyond what top-down pose estimation can serve anyway. */
export const DEFAULT_MAX_DETECTIONS = 100;

export interface DetectorOptions {
  /** Model id (see `posetrail models list`) or path of an .onnx file. */
  model: string;
  device?: ExecutionDevice;
  threads?: number;
  /** Boxes scoring below this are dropped; default DEFAULT_MIN_BOX_SCORE. */
  minScore?: number;
  /** IoU above which the lower-scoring of two boxes is suppressed; in (0, 1]. */
  nmsIou?: number;
  maxDetections?: number;
  /**
   * Tiled detection for small people in large frames (default 'auto', see tiling-options.ts):
   * the full frame plus an overlapping grid of tiles, merged into one set of boxes.
   */
  tiling?: TilingOption;
  /** Square input side in px for models that take any size (see input-size.ts); default the manifest's. */
  inputSizePx?: number;
  onWarning?: (message: string) => void;
}

export interface ResolvedDetectorOptions {
  minScore: number;
  nmsIou: number;
  maxDetections: number;
  tiling: TilingOption;
  inputSizePx?: number;
}

/** Checks the numeric options up front so a bad value fails before any model is loaded. */
export function resolveDetectorOptions(options: DetectorOptions): ResolvedDetectorOptions {
  if (typeof options.model !== 'string' || options.model.trim() === '') {
    throw new Error('Invalid detector model "". Should be a model id or the path of an .onnx file.');
  }
  const minScore = options.minScore ?? DEFAULT_MIN_BOX_SCORE;
  if (!(minScore >= 0 && minScore <= 1)) throw new Error(`Invalid minScore ${minScore}. Should be in [0, 1].`);
  const nmsIou = options.nmsIou ?? DEFAULT_NMS_IOU;
  if (!(nmsIou > 0 && nmsIou <= 1)) throw new Error(`Invalid nmsIou ${nmsIou}. Should be in (0, 1].`);
  const maxDetections = options.maxDetections ?? DEFAULT_MAX_DETECTIONS;
  if (!Number.isInteger(maxDetections) || maxDetections < 1) {
    throw new Error(`Invalid maxDetections ${maxDetections}. Should be a positive integer.`);
  }
  checkDetectorInputSize(options.inputSizePx);
  return {
    minScore,
    nmsIou,
    maxDetections,
    tiling: resolveTiling(options.tiling),
    ...(options.inputSizePx ? { inputSizePx: options.inputSizePx } : {}),
  };
}
