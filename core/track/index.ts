export { PoseTracker } from './tracker';
export { oks } from './oks';
export { oksMatrix } from './oks-matrix';
export { greedyAssign, type Assignment } from './greedy-assign';
export { DEFAULT_TRACKER_OPTIONS, resolveTrackerOptions, type TrackerOptions, type TrackerSettings } from './options';
export type { TrackState, TrackInfo } from './track-state';
export { stitchTracks, type StitchOptions, type StitchResult } from './stitch';
export { MIN_TRACK_FRAMES, withoutShortTracks } from './confirm';
export type { Appearance } from './appearance';
