import type { TrackingResult } from '../types';
import { anyFlag } from './flags';
import { imageFileName, prepareExport, type KeypointExport, type PreparedPose } from './prepare';

/**
 * A TrackingResult as a PoseTrack 2018 file (docs/formats.md): one image per video frame (processed
 * frames are `is_labeled`), one annotation per pose with [x, y, v]×17 keypoints, per-joint
 * `scores`, `bbox`, `bbox_head` and `track_id`, one `person` category with a 1-based skeleton,
 * and a top-level `posetrail` object saying which slots were derived and holding what reopening
 * the file needs (with the stitching joins; each pose of a joined identity names its piece in
 * `posetrail.piece_id`, which the official evaluation, reading only PoseTrack's fields, ignores). v is 1 for a predicted joint (score > 0) and 0 otherwise; PoseTrack's
 * evaluation counts a joint unless it is exactly (0, 0, 0).
 */
export function toPoseTrack18(
  result: TrackingResult,
  keypoints: KeypointExport = 'posetrack',
): Record<string, unknown> {
  const prepared = prepareExport(result, keypoints);
  const images = [];
  const annotations = [];
  for (let frameIndex = 0; frameIndex < prepared.frameCount; frameIndex++) {
    const poses = prepared.posesByFrame.get(frameIndex);
    images.push({
      id: frameIndex,
      file_name: imageFileName(prepared.videoStem, frameIndex),
      vid_id: prepared.videoStem,
      frame_id: frameIndex,
      nframes: prepared.frameCount,
      is_labeled: poses !== undefined,
    });
    for (const p of poses ?? []) annotations.push(annotation(annotations.length, frameIndex, p));
  }
  return {
    images,
    annotations,
    categories: [
      {
        id: 1,
        name: 'person',
        supercategory: 'person',
        keypoints: [...prepared.keypointNames],
        skeleton: prepared.skeleton.map(([a, b]) => [a + 1, b + 1]),
      },
    ],
    posetrail: prepared.info,
  };
}

function annotation(id: number, frameIndex: number, p: PreparedPose): Record<string, unknown> {
  const { pose } = p;
  return {
    id,
    image_id: frameIndex,
    category_id: 1,
    track_id: pose.trackId,
    bbox: [pose.box.x, pose.box.y, pose.box.w, pose.box.h],
    bbox_head: p.headBox,
    keypoints: p.keypoints.flatMap(([x, y, s]) => (s > 0 ? [x, y, 1] : [x, y, 0])),
    scores: p.keypoints.map(([, , s]) => s),
    score: pose.score,
    posetrail: {
      box_score: pose.box.score,
      ...(pose.source ? { source: pose.source } : {}),
      ...(p.rawCoco ? { keypoints_coco: p.rawCoco.flat() } : {}),
      ...(anyFlag(p.flags) ? { keypoint_flags: p.flags } : {}),
      ...(p.rawCocoFlags && anyFlag(p.rawCocoFlags) ? { keypoints_coco_flags: p.rawCocoFlags } : {}),
      ...(p.pieceId !== undefined ? { piece_id: p.pieceId } : {}),
    },
  };
}
