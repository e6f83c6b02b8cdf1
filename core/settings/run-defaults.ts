import type { TrackSettings } from '../api/pose-api';

/**
 * Default model ids and tracking settings, shared by the CLI, batch mode and the desktop app so a
 * run started from any of them behaves the same unless the user changes something.
 */

/** Person detector used when none is chosen. */
export const DEFAULT_DETECTOR_ID = 'yolox-nano';

/** Top-down pose model used when none is chosen. */
export const DEFAULT_POSE_MODEL_ID = 'hrnet-w32-coco-256x192';

/** Run the detector on every frame; propagation still fills the frames where it misses people. */
export const DEFAULT_DET_INTERVAL_FRAMES = 1;

/** Detections below this score are not handed to the pose model. */
export const DEFAULT_MIN_BOX_SCORE = 0.3;

/** Keypoints below this score count as not visible (drawing, propagation, export visibility). */
export const DEFAULT_MIN_KEYPOINT_SCORE = 0.3;

export const DEFAULT_TRACK_SETTINGS: Readonly<TrackSettings> = Object.freeze({
  detector: DEFAULT_DETECTOR_ID,
  poseModel: DEFAULT_POSE_MODEL_ID,
  device: 'auto',
  detIntervalFrames: DEFAULT_DET_INTERVAL_FRAMES,
  minBoxScore: DEFAULT_MIN_BOX_SCORE,
  minKeypointScore: DEFAULT_MIN_KEYPOINT_SCORE,
  flipTest: false,
  detectorTiling: 'auto',
});
