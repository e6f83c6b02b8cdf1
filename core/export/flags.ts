import { KEYPOINT_FLAG, type KeypointFlagName, type TrackedPose } from '../types';

/**
 * Keypoint flags as exports write them: a bitmask per slot in JSON (with the legend in the file's
 * `posetrail` object), names joined by '+' in CSV ("filled+smoothed"), empty where measured as is.
 */

const FLAG_NAMES = Object.keys(KEYPOINT_FLAG) as KeypointFlagName[];

export function flagNames(bits: number): string {
  return FLAG_NAMES.filter((name) => bits & KEYPOINT_FLAG[name]).join('+');
}

/** The pose's flags per slot of its own layout (zeros when it has none). */
export function poseFlags(pose: TrackedPose): number[] {
  return pose.keypointFlags
    ? pose.keypoints.map((_, k) => pose.keypointFlags![k] ?? 0)
    : new Array<number>(pose.keypoints.length).fill(0);
}

/** COCO-17 slots head_bottom and head_top are computed from (nose, eyes, ears, shoulders). */
const HEAD_SOURCE_SLOTS = [0, 1, 2, 3, 4, 5, 6];
const POSETRACK_DERIVED_SLOTS = [1, 2];
const POSETRACK_EMPTY_SLOTS = [3, 4];

/**
 * Flags for the PoseTrack layout derived from COCO keypoints: copied slots keep theirs, the derived
 * head points carry every flag of the points they come from, the never-annotated ears none.
 */
export function cocoFlagsToPoseTrack(flags: readonly number[]): number[] {
  const head = HEAD_SOURCE_SLOTS.reduce((bits, k) => bits | (flags[k] ?? 0), 0);
  return flags.map((f, k) => (POSETRACK_DERIVED_SLOTS.includes(k) ? head : POSETRACK_EMPTY_SLOTS.includes(k) ? 0 : f));
}

export const FLAG_LEGEND: Record<string, number> = { ...KEYPOINT_FLAG };

export function anyFlag(flags: readonly number[]): boolean {
  return flags.some((f) => f !== 0);
}
