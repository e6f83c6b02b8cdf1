import { MAX_TRACK_ID_EXCLUSIVE } from '../../core/export/schemas/posetrack18';
import { COCO17 } from '../../core/keypoints/schema';
import type { TrackerRunOptions } from '../../core/track/options';

/**
 * The run options the tracker tests and benches were written against: COCO-17 sigmas, the 0.2
 * keypoint threshold the tracker used as its own default before the run had to pass one, and
 * PoseTrack's track id bound.
 */
export const TEST_TRACKER_RUN: Readonly<TrackerRunOptions> = Object.freeze({
  minKeypointScore: 0.2,
  sigmas: COCO17.sigmas,
  maxTrackIds: MAX_TRACK_ID_EXCLUSIVE,
});
