import type { ExecutionDevice } from '../types';

export type HeatmapRefinement = 'quarter' | 'dark';

/**
 * Crops per inference call for models with a dynamic batch, by provider. On CPU, batches of 8
 * cost 10–15% more per crop than 4 or 1 (HRNet-W32 256×192 from random weights on two cores:
 * 210 ms against 182–185 ms of CPU per crop, and slower in wall time in each of two runs), while
 * 4 and 1 were within noise of each other; GPUs gain from larger batches.
 */
export const DEFAULT_MAX_POSE_BATCH = 8;
export const DEFAULT_MAX_POSE_BATCH_CPU = 4;

/** Crops per call when the options name no maxBatch: fewer on CPU (see DEFAULT_MAX_POSE_BATCH_CPU). */
export function defaultMaxPoseBatch(provider: string): number {
  return provider === 'cpu' ? DEFAULT_MAX_POSE_BATCH_CPU : DEFAULT_MAX_POSE_BATCH;
}

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
  /** Undefined: the provider's default (defaultMaxPoseBatch). */
  maxBatch?: number;
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
  const maxBatch = options.maxBatch;
  if (maxBatch !== undefined && (!Number.isInteger(maxBatch) || maxBatch < 1)) {
    throw new Error(`Invalid maxBatch ${maxBatch}. Should be a positive integer.`);
  }
  return { flipTest: options.flipTest ?? false, refine, ...(maxBatch !== undefined && { maxBatch }) };
}
