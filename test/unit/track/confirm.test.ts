import { describe, expect, it } from 'vitest';
import { MIN_TRACK_FRAMES, withoutShortTracks } from '../../../core/track/confirm';
import { standingPose } from '../../helpers/simulate-tracks';
import type { FramePoses, TrackJoin } from '../../../core/types';

/** Frames 0..5: id 0 in all six, id 1 in frames 2–3, id 2 in frame 3 only. */
const FRAMES: FramePoses[] = Array.from({ length: 6 }, (_, f) => ({
  frameIndex: f,
  timestampMs: f * 40,
  poses: [0, ...(f === 2 || f === 3 ? [1] : []), ...(f === 3 ? [2] : [])].map((trackId) => ({
    ...standingPose(100 + 200 * trackId, 300, 200),
    trackId,
  })),
}));

const join = (trackId: number, pieceId: number): TrackJoin => ({
  trackId,
  pieceId,
  endFrame: 2,
  startFrame: 3,
  gapFrames: 0,
  distance: 0.1,
  appearance: null,
  cost: 0.2,
});

describe('withoutShortTracks', () => {
  it(`leaves out the tracks seen in fewer than ${MIN_TRACK_FRAMES} frames, and their joins`, () => {
    const { frames, joins } = withoutShortTracks(FRAMES, [join(0, 5), join(1, 6)]);
    expect(frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([[0], [0], [0], [0], [0], [0]]);
    expect(joins.map((j) => j.trackId)).toEqual([0]);
    // The input is untouched.
    expect(FRAMES[3].poses.map((p) => p.trackId)).toEqual([0, 1, 2]);
  });

  it('keeps every track when each is seen often enough', () => {
    const { frames } = withoutShortTracks(FRAMES, [], 1);
    expect(frames.flatMap((f) => f.poses.map((p) => p.trackId))).toHaveLength(9);
  });

  it('keeps a track that starts too near the end to be seen that often, and every person of a short clip', () => {
    const late = withoutShortTracks(
      [...FRAMES, { frameIndex: 6, timestampMs: 240, poses: [{ ...standingPose(700, 300, 200), trackId: 3 }] }],
      [],
    );
    expect(late.frames[6].poses.map((p) => p.trackId)).toEqual([3]);
    expect(late.frames[3].poses.map((p) => p.trackId)).toEqual([0]);
    const twoFrames = withoutShortTracks(FRAMES.slice(2, 4), []);
    expect(twoFrames.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
  });
});
