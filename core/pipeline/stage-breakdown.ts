import type { ModelCallTimes } from '../models/call-times';

/** Model calls of a run, by model: how many, how many images, and by batch size. */
export type ModelCallCounts = Record<'detector' | 'pose', Pick<ModelCallTimes, 'calls' | 'images' | 'callsByBatch'>>;

/**
 * The detector's and pose model's own time split into the breakdown's stages: input preparation
 * (letterbox and tiles; pose crops), model calls, and decoding (boxes and NMS; heatmaps).
 */
export function modelStageTimesMs(detector: ModelCallTimes | undefined, pose: ModelCallTimes | undefined): Record<string, number> {
  return {
    ...(detector && { detectPre: detector.preMs, detectModel: detector.modelMs, detectPost: detector.postMs }),
    ...(pose && { poseCrops: pose.preMs, poseModel: pose.modelMs, poseDecode: pose.postMs }),
  };
}

export function modelCallCounts(detector: ModelCallTimes | undefined, pose: ModelCallTimes | undefined): ModelCallCounts | undefined {
  if (!detector || !pose) return undefined;
  const counts = ({ calls, images, callsByBatch }: ModelCallTimes) => ({ calls, images, callsByBatch: { ...callsByBatch } });
  return { detector: counts(detector), pose: counts(pose) };
}
