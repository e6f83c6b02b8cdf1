import type { TrackingResult } from '../types';
import { imageFileName, prepareExport, type PreparedPose } from './prepare';

/**
 * PoseTrack 2017 joint ids (0–14) → slots of the PoseTrack 2018 / COCO 17-slot layout:
 * r_ankle, r_knee, r_hip, l_hip, l_knee, l_ankle, r_wrist, r_elbow, r_shoulder, l_shoulder,
 * l_elbow, l_wrist, head_bottom, nose, head_top.
 */
export const POSETRACK17_ID_TO_SLOT: readonly number[] = [16, 14, 12, 11, 13, 15, 10, 8, 6, 5, 7, 9, 1, 0, 2];

/**
 * A TrackingResult as a PoseTrack 2017 "annolist" file: one entry per video frame, every value
 * wrapped in a one-element list, joints by id 0–14 (always the PoseTrack layout: 2017 has no
 * eyes or ears). `x1..y2` hold the head box, as in the ground truth. Joints with score 0 are left
 * out (2017 lists only the joints it has).
 */
export function toPoseTrack17(result: TrackingResult): Record<string, unknown> {
  const prepared = prepareExport(result, 'posetrack');
  const annolist = [];
  for (let frameIndex = 0; frameIndex < prepared.frameCount; frameIndex++) {
    const poses = prepared.posesByFrame.get(frameIndex);
    annolist.push({
      image: [{ name: imageFileName(prepared.videoStem, frameIndex) }],
      imgnum: [frameIndex + 1],
      is_labeled: [poses === undefined ? 0 : 1],
      annorect: (poses ?? []).map(annorect),
    });
  }
  return { annolist, posetrail: prepared.info };
}

function annorect(p: PreparedPose): Record<string, unknown> {
  const [hx, hy, hw, hh] = p.headBox;
  const point = POSETRACK17_ID_TO_SLOT.flatMap((slot, id) => {
    const [x, y, s] = p.keypoints[slot];
    const flags = p.flags[slot];
    return s > 0 ? [{ id: [id], x: [x], y: [y], score: [s], ...(flags ? { posetrail_flags: [flags] } : {}) }] : [];
  });
  return {
    x1: [hx],
    y1: [hy],
    x2: [hx + hw],
    y2: [hy + hh],
    score: [p.pose.score],
    track_id: [p.pose.trackId],
    annopoints: [{ point }],
  };
}
