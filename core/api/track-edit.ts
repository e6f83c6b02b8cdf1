import type { FilterSettings } from '../types';

/** The edits a project records (history, project file, replay), and the shapes of adding a missed person. */

export type TrackEdit =
  | { kind: 'rename'; trackId: number; name: string }
  | { kind: 'delete'; trackId: number }
  | { kind: 'setHidden'; trackId: number; hidden: boolean }
  /**
   * Moves the poses of `sourceId` into `targetId`. Where both have a pose in a frame, `overlap`
   * decides: 'refuse' (default) fails naming the count, 'keep-source' leaves those poses on the
   * source, 'drop-source' drops them (only when asked for by name).
   */
  | { kind: 'merge'; targetId: number; sourceId: number; overlap?: 'refuse' | 'keep-source' | 'drop-source' }
  /** Poses of `trackId` from `frameIndex` on get a new id. */
  | { kind: 'split'; trackId: number; frameIndex: number }
  /** Exchanges the identities of two tracks from `frameIndex` on (to `toFrameIndex` inclusive when given): the fix for an ID switch. */
  | { kind: 'swap'; trackIdA: number; trackIdB: number; frameIndex: number; toFrameIndex?: number }
  /** Deletes one track's poses on frames `fromFrameIndex`–`toFrameIndex`. */
  | { kind: 'deleteRange'; trackId: number; fromFrameIndex: number; toFrameIndex: number }
  /** Gives one track's poses on a frame range to `targetId`, or to a new track when it is absent; refused where the target is present. */
  | { kind: 'reassignRange'; trackId: number; fromFrameIndex: number; toFrameIndex: number; targetId?: number }
  /** In one frame, gives `fromTrackId`'s pose to `toTrackId` (their poses there exchange identities). */
  | { kind: 'givePose'; frameIndex: number; fromTrackId: number; toTrackId: number }
  /** Moves and/or re-labels one keypoint; the keypoint is flagged edited. */
  | {
      kind: 'keypoint';
      trackId: number;
      frameIndex: number;
      keypointIndex: number;
      x?: number;
      y?: number;
      visibility?: 'visible' | 'occluded' | 'absent';
    }
  /** Marks a problem of the problem list as reviewed (or not). */
  | { kind: 'review'; problemId: string; reviewed: boolean }
  /** Replaces the project's filter settings. */
  | { kind: 'setFilters'; filters: FilterSettings }
  /** Undoes the stitching join of `trackId` whose later piece starts at `frameIndex` ("Split here"). */
  | { kind: 'unjoin'; trackId: number; frameIndex: number }
  /** Adds a missed person's poses (computed when made: a replay runs no model) to `trackId` or a new track. */
  | { kind: 'addPoses'; trackId?: number; poses: AddedPose[] };

/** Frames one "add a person" request may follow them for: about 40 s at 25 fps, a few seconds of model time. */
export const MAX_FOLLOW_FRAMES = 1000;

/** One pose added by hand (see the addPoses edit): the box it was estimated in and its keypoints. */
export interface AddedPose {
  frameIndex: number;
  box: { x: number; y: number; w: number; h: number };
  keypoints: Array<[x: number, y: number, score: number]>;
  score: number;
}

/** Ask the pose model for the person in `box` on `frameIndex`, and follow them for up to `followFrames` more frames. */
export interface AddPersonRequest {
  frameIndex: number;
  box: { x: number; y: number; w: number; h: number };
  /** The track that gets the poses; absent: a new track. */
  trackId?: number;
  /** Frames after `frameIndex` to follow the person by box propagation (0: this frame only); it stops early when they are lost. */
  followFrames: number;
}
