import { POSETRACK17_ID_TO_SLOT } from '../export/posetrack17-writer';

/**
 * The 15 joints PoseTrack evaluates, by their 2017 id (0–14). head_bottom is called "neck" in the
 * official tables. Slots of the 17-slot layouts come from the exporter's id table.
 */
export const EVAL_JOINT_NAMES = [
  'right_ankle',
  'right_knee',
  'right_hip',
  'left_hip',
  'left_knee',
  'left_ankle',
  'right_wrist',
  'right_elbow',
  'right_shoulder',
  'left_shoulder',
  'left_elbow',
  'left_wrist',
  'head_bottom',
  'nose',
  'head_top',
] as const;

export const EVAL_JOINT_COUNT = EVAL_JOINT_NAMES.length;
export const EVAL_JOINT_TO_SLOT = POSETRACK17_ID_TO_SLOT;

/** Column groups of the official result table: each averages its joints. */
export const EVAL_JOINT_GROUPS: readonly { name: string; joints: readonly number[] }[] = [
  { name: 'Head', joints: [14, 12, 13] },
  { name: 'Shou', joints: [8, 9] },
  { name: 'Elb', joints: [7, 10] },
  { name: 'Wri', joints: [6, 11] },
  { name: 'Hip', joints: [2, 3] },
  { name: 'Knee', joints: [1, 4] },
  { name: 'Ankl', joints: [0, 5] },
];

/** PCKh: a joint is correct within this fraction of the head size… */
export const PCKH_THRESHOLD = 0.5;
/** …where head size = this factor × the head box diagonal (the PoseTrack / MPII convention). */
export const HEAD_SIZE_FACTOR = 0.6;

/** Score the official evaluation gives a predicted joint that carries none (it ranks last). */
export const MISSING_JOINT_SCORE = -9999;
