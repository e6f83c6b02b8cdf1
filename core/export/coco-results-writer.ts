import type { TrackingResult } from '../types';
import { anyFlag } from './flags';
import { prepareExport } from './prepare';

/**
 * COCO keypoint results (`[{image_id, category_id, keypoints, score}]`, what pycocotools' loadRes
 * reads), one entry per pose. `image_id` is the frame index; the third value of each keypoint is
 * its score. `track_id` and, where any keypoint was edited, filled or smoothed, `keypoint_flags`
 * (bitmask per keypoint, as in our PoseTrack files) ride along, and `track_name` for a track given a
 * name in `trackNames`; COCO tools ignore extra fields.
 */
export function toCocoResults(result: TrackingResult, trackNames?: Record<number, string>): Record<string, unknown>[] {
  if (result.schema !== 'coco17') {
    throw new Error(
      `COCO results need COCO-17 keypoints; this result uses the ${result.schema} layout (no eyes or ears). Export posetrack18 or csv instead.`,
    );
  }
  const prepared = prepareExport(result, 'coco');
  const out: Record<string, unknown>[] = [];
  for (const [frameIndex, poses] of prepared.posesByFrame) {
    for (const p of poses) {
      out.push({
        image_id: frameIndex,
        category_id: 1,
        keypoints: p.keypoints.flat(),
        score: p.pose.score,
        track_id: p.pose.trackId,
        ...(trackNames?.[p.pose.trackId] ? { track_name: trackNames[p.pose.trackId] } : {}),
        ...(anyFlag(p.flags) ? { keypoint_flags: p.flags } : {}),
      });
    }
  }
  return out;
}
