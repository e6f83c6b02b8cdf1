import type { ModelCallTimes } from '../models/call-times';

type CallCounts = Pick<ModelCallTimes, 'calls' | 'images' | 'callsByBatch'>;

/** Model calls of a run, by model: how many, how many images, and by batch size (reid: the re-ID model, when the run had one). */
export type ModelCallCounts = Record<'detector' | 'pose', CallCounts> & { reid?: CallCounts };

/**
 * The detector's and pose model's own time split into the breakdown's stages: input preparation
 * (letterbox and tiles; pose crops), model calls, and decoding (boxes and NMS; heatmaps).
 */
export function modelStageTimesMs(
  detector: ModelCallTimes | undefined,
  pose: ModelCallTimes | undefined,
  reid?: ModelCallTimes,
): Record<string, number> {
  return {
    ...(detector && { detectPre: detector.preMs, detectModel: detector.modelMs, detectPost: detector.postMs }),
    ...(pose && { poseCrops: pose.preMs, poseModel: pose.modelMs, poseDecode: pose.postMs }),
    ...(reid && { reidCrops: reid.preMs, reidModel: reid.modelMs, reidPost: reid.postMs }),
  };
}

export function modelCallCounts(
  detector: ModelCallTimes | undefined,
  pose: ModelCallTimes | undefined,
  reid?: ModelCallTimes,
): ModelCallCounts | undefined {
  if (!detector || !pose) return undefined;
  const counts = ({ calls, images, callsByBatch }: ModelCallTimes) => ({
    calls,
    images,
    callsByBatch: { ...callsByBatch },
  });
  return { detector: counts(detector), pose: counts(pose), ...(reid && { reid: counts(reid) }) };
}
