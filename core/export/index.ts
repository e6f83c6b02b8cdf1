export { writeTrackingResult, serializeTrackingResult, formatFromPath, type WriteOptions } from './write';
export { readTrackingResult } from './read';
export { cocoToPoseTrack, DERIVED_POSETRACK_SLOTS } from './coco-to-posetrack';
export { headBoxFromPoseTrack } from './head-box';
export type { KeypointExport } from './prepare';
