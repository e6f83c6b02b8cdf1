import type { Pose } from '../types';
import type { Appearance } from './appearance';
import type { Box } from '../types';
import { predictBox, type BoxMotion } from './motion';
import type { VelocityPxPerFrame } from './predict-pose';
import type { ViewMemory } from './whole-view';

/**
 * Life of a track:
 * - `active`: matched in the latest frame it was given.
 * - `lost`: unseen for 1..maxAgeFrames frames; still matched (re-linked) so an occluded person
 *   keeps their id.
 * - `ended`: unseen for longer than maxAgeFrames; dropped, its id is not given again.
 */
export type TrackState = 'active' | 'lost' | 'ended';

export interface Track extends ViewMemory {
  id: number;
  state: TrackState;
  /** The most recent pose matched to this track. */
  lastPose: Pose;
  lastFrameIndex: number;
  firstFrameIndex: number;
  /** Number of frames the track was matched in. */
  hits: number;
  velocity: VelocityPxPerFrame;
  /**
   * Box motion for predicting where a lost person is (damped constant velocity), fitted to the
   * latest whole boxes (see ViewMemory): a box cut by an occluder's edge has its centre off the person's.
   */
  motion: BoxMotion;
  /** Running colour description over the frames the person was seen clearly; absent without pixels. */
  appearance?: Appearance;
}

/** A read-only view of a live track, for display and debugging. */
export type TrackInfo = Readonly<Omit<Track, 'velocity' | 'motion' | 'appearance' | keyof ViewMemory>> & {
  readonly velocity: Readonly<VelocityPxPerFrame>;
  readonly motion: Readonly<BoxMotion>;
  readonly usual: Readonly<ViewMemory['usual']>;
  readonly whole: Readonly<ViewMemory['whole']>;
};

/** Frames strictly between the track's last match and `frameIndex`: 0 if seen in the frame before. */
export function unseenFrames(track: Pick<Track, 'lastFrameIndex'>, frameIndex: number): number {
  return frameIndex - track.lastFrameIndex - 1;
}

/**
 * Where the track's person is expected in frame `frameIndex`: their last whole box moved by the
 * damped box motion over the frames since. A box cut by an occluder's edge has its centre off the
 * person's, so the partial views seen since do not count.
 */
export function predictedWholeBox(
  track: Pick<Track, 'whole' | 'motion'>,
  frameIndex: number,
  dampingPerFrame: number,
): Box {
  return predictBox(track.whole.pose.box, track.motion, frameIndex - track.whole.frameIndex, dampingPerFrame);
}
