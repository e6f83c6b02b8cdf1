import { describe, expect, it } from 'vitest';
import { stitchTracks, type StitchOptions } from '../../../core/track/stitch';
import { DEFAULT_TRACKER_OPTIONS } from '../../../core/track/options';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';
import { standingPose } from '../../helpers/simulate-tracks';
import type { FramePoses, TrackedPose } from '../../../core/types';

const OPTIONS: StitchOptions = { ...DEFAULT_TRACKER_OPTIONS, ...TEST_TRACKER_RUN, maxGapFrames: 90 };

/** Frames 0..count-1; `people(f)` lists [trackId, x] of who is seen in frame f. */
function result(count: number, people: (f: number) => [number, number][]): FramePoses[] {
  return Array.from({ length: count }, (_, f) => ({
    frameIndex: f,
    timestampMs: (f * 1000) / 30,
    poses: people(f).map(([trackId, x]): TrackedPose => ({ ...standingPose(x, 400, 240), trackId })),
  }));
}

const idsAt = (frames: FramePoses[], f: number) => frames[f].poses.map((p) => p.trackId);

describe('stitchTracks', () => {
  it('joins a walker split by a 40-frame gap into the earlier id and records the join', () => {
    // Id 3 walks right at 5 px/frame to frame 29, unseen 30–69, back as id 7 at frame 70.
    const frames = result(100, (f) => (f < 30 ? [[3, 100 + 5 * f]] : f >= 70 ? [[7, 100 + 5 * f]] : []));
    const { frames: out, joins } = stitchTracks(frames, OPTIONS);
    expect(idsAt(out, 80)).toEqual([3]);
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({
      trackId: 3,
      pieceId: 7,
      endFrame: 29,
      startFrame: 70,
      gapFrames: 40,
      appearance: null,
    });
    expect(joins[0].distance).toBeLessThan(0.5);
    // The input is untouched.
    expect(idsAt(frames, 80)).toEqual([7]);
  });

  it('never joins pieces that overlap in time or lie beyond the maximum gap', () => {
    const overlapping = result(
      60,
      (f) => [...(f < 40 ? [[1, 300]] : []), ...(f >= 30 ? [[2, 310]] : [])] as [number, number][],
    );
    expect(stitchTracks(overlapping, OPTIONS).joins).toEqual([]);
    const far = result(200, (f) => (f < 10 ? [[1, 300]] : f > 150 ? [[2, 300]] : []));
    expect(stitchTracks(far, OPTIONS).joins).toEqual([]);
    expect(stitchTracks(far, { ...OPTIONS, maxGapFrames: 150 }).joins).toHaveLength(1);
  });

  it('pairs two people returning from behind the same occluder by one global assignment, and chains pieces', () => {
    // A (id 0) walks right at y 400 and B (id 1) stands at x 800; both unseen 20–39; they come back as 5 (B) and 6 (A).
    // A then vanishes again (40–49) and returns as 9.
    const frames = result(70, (f) => {
      const a = 100 + 6 * f;
      if (f < 20)
        return [
          [0, a],
          [1, 800],
        ];
      if (f < 40) return [];
      if (f < 50)
        return [
          [5, 800],
          [6, a],
        ];
      return f < 55
        ? [[5, 800]]
        : [
            [5, 800],
            [9, a],
          ];
    });
    const { frames: out, joins } = stitchTracks(frames, OPTIONS);
    expect(out[45].poses.map((p) => [p.trackId, Math.round(p.box.x + p.box.w / 2)])).toEqual([
      [1, 800],
      [0, 370],
    ]);
    expect(idsAt(out, 60)).toEqual([1, 0]);
    expect(joins.map((j) => [j.trackId, j.pieceId, j.startFrame])).toEqual([
      [0, 6, 40],
      [1, 5, 40],
      [0, 9, 55],
    ]);
  });
});
