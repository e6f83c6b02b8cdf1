import { KEYPOINT_FLAG, type TrackedPose } from '../../../core/types';

/** Dash and gap (CSS pixels) of the limbs of a gap-filled pose. */
const FILLED_DASH_PX = [5, 4] as const;

/** True when every keypoint of the pose was interpolated across a gap: nothing of it was measured. */
export function isFilledPose(pose: Pick<TrackedPose, 'keypointFlags' | 'keypoints'>): boolean {
  const flags = pose.keypointFlags;
  return (
    !!flags &&
    pose.keypoints.length > 0 &&
    pose.keypoints.every((_, k) => ((flags[k] ?? 0) & KEYPOINT_FLAG.filled) !== 0)
  );
}

/** The line dash for a pose's limbs: dashed for a filled pose, so it never passes for a measured one; solid ([]) otherwise. */
export function limbDash(pose: Pick<TrackedPose, 'keypointFlags' | 'keypoints'>, unit: number): number[] {
  return isFilledPose(pose) ? FILLED_DASH_PX.map((px) => px * unit) : [];
}
