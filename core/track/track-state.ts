import type { Pose } from '../types';
import type { Appearance } from './appearance';
import type { BoxMotion } from './motion';
import type { VelocityPxPerFrame } from './predict-pose';

/**
 * Life of a track:
 * - `active`: matched in the latest frame it was given.
 * - `lost`: unseen for 1..maxAgeFrames frames; still matched (re-linked) so an occluded person
 *   keeps their id.
 * - `ended`: unseen for longer than maxAgeFrames; dropped, its id is not given again.
 */
export type TrackState = 'active' | 'lost' | 'ended';

export interface Track {
  id: number;
  state: TrackState;
  /** The most recent pose matched to this track. */
  lastPose: Pose;
  lastFrameIndex: number;
  firstFrameIndex: number;
  /** Number of frames the track was matched in. */
  hits: number;
  velocity: VelocityPxPerFrame;
  /** Box motion for predicting where a lost person is (damped constant velocity). */
  motion: BoxMotion;
  /** The person's usual box height, px (see updateUsualHeight). */
  heightPx: number;
  /** Running colour description over the frames the person was seen clearly; absent without pixels. */
  appearance?: Appearance;
}

/** A read-only view of a live track, for display and debugging. */
export type TrackInfo = Readonly<Omit<Track, 'velocity' | 'motion' | 'appearance'>> & {
  readonly velocity: Readonly<VelocityPxPerFrame>;
  readonly motion: Readonly<BoxMotion>;
};

/** Frames strictly between the track's last match and `frameIndex`: 0 if seen in the frame before. */
export function unseenFrames(track: Pick<Track, 'lastFrameIndex'>, frameIndex: number): number {
  return frameIndex - track.lastFrameIndex - 1;
}
