import type { ExecutionDevice } from '../types';

export type HeatmapRefinement = 'quarter' | 'dark';

/** Crops per inference call for models with a dynamic batch: larger batches gain little on CPU. */
export const DEFAULT_MAX_POSE_BATCH = 8;

export interface PoseEstimatorOptions {
  /** Model id (see `posetrail models list`) or path of an .onnx file. */
  model: string;
  device?: ExecutionDevice;
  threads?: number;
  /** Average each crop with its mirror image (left/right joints swapped); doubles the model work. */
  flipTest?: boolean;
  /** Sub-pixel refinement of the heatmap peak; default 'quarter'. */
  refine?: HeatmapRefinement;
  /** Upper bound on crops per call when the model has a dynamic batch dimension. */
  maxBatch?: number;
  onWarning?: (message: string) => void;
}

export interface ResolvedPoseOptions {
  flipTest: boolean;
  refine: HeatmapRefinement;
  maxBatch: number;
}

const REFINEMENTS: readonly HeatmapRefinement[] = ['quarter', 'dark'];

/** Checks the options up front so a bad value fails before any model is loaded. */
export function resolvePoseOptions(options: PoseEstimatorOptions): ResolvedPoseOptions {
  if (typeof options.model !== 'string' || options.model.trim() === '') {
    throw new Error('Invalid pose model "". Should be a model id or the path of an .onnx file.');
  }
  const refine = options.refine ?? 'quarter';
  if (!REFINEMENTS.includes(refine)) {
    throw new Error(`Invalid refine "${refine}". Should be one of ${REFINEMENTS.join(', ')}.`);
  }
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_POSE_BATCH;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`Invalid maxBatch ${maxBatch}. Should be a positive integer.`);
  return { flipTest: options.flipTest ?? false, refine, maxBatch };
}
