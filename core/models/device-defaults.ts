/**
 * The default models follow the device: on a GPU the mission's HRNet-W48 at 384×288 and a larger
 * YOLOX are affordable; on a CPU they would crawl, so RTMPose-m at 256×192 (chosen by measured
 * boxes/s and published AP, see run-defaults.ts) and YOLOX-nano are the defaults there. A model the
 * user names always wins over these.
 */
import { GPU_PROVIDERS } from '../devices';
import type { ExecutionDevice } from '../types';
import { DEFAULT_DETECTOR_ID, DEFAULT_POSE_MODEL_ID } from '../settings/run-defaults';

/** Defaults when a GPU execution provider opens a session on this machine. */
export const GPU_DEFAULT_DETECTOR_ID = 'yolox-s';
export const GPU_DEFAULT_POSE_MODEL_ID = 'hrnet-w48-coco-384x288';

export interface ModelChoice {
  detector: string;
  poseModel: string;
  /** Per model: the user named it, or it is the default for the device. */
  detectorChosenBy: 'user' | 'device';
  poseModelChosenBy: 'user' | 'device';
  /** The GPU provider the defaults were picked for, or null for the CPU defaults. */
  gpu: ExecutionDevice | null;
  /** One line saying which models and why, for the CLI and the Track dialog. */
  reason: string;
}

/**
 * Models for a run on `requested` given the devices that really open sessions here (`usable`, as
 * device-probe.ts finds them: always 'cpu', plus working GPU providers). Explicit ids win.
 */
export function chooseModels(
  requested: ExecutionDevice,
  usable: readonly ExecutionDevice[],
  explicit: { detector?: string; poseModel?: string } = {},
): ModelChoice {
  const gpu =
    requested === 'auto'
      ? (GPU_PROVIDERS.find((d) => usable.includes(d)) ?? null)
      : requested !== 'cpu' && usable.includes(requested)
        ? requested
        : null;
  const detector = explicit.detector ?? (gpu ? GPU_DEFAULT_DETECTOR_ID : DEFAULT_DETECTOR_ID);
  const poseModel = explicit.poseModel ?? (gpu ? GPU_DEFAULT_POSE_MODEL_ID : DEFAULT_POSE_MODEL_ID);
  const why = gpu
    ? `${gpu} opens a session on this machine`
    : requested === 'cpu'
      ? 'the CPU was chosen'
      : requested === 'auto'
        ? 'no GPU execution provider works on this machine'
        : `the requested ${requested} provider does not work on this machine`;
  const named = [explicit.detector && 'detector', explicit.poseModel && 'pose model'].filter(Boolean);
  const reason =
    named.length === 2
      ? `Models ${detector} + ${poseModel}, as chosen.`
      : `Models ${detector} + ${poseModel}: the ${gpu ? 'GPU' : 'CPU'} defaults${named.length ? ` (the ${named[0]} as chosen)` : ''}, because ${why}.`;
  return {
    detector,
    poseModel,
    detectorChosenBy: explicit.detector ? 'user' : 'device',
    poseModelChosenBy: explicit.poseModel ? 'user' : 'device',
    gpu,
    reason,
  };
}
