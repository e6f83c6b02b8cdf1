import { describe, expect, it } from 'vitest';
import type { FramePoses, TrackedPose } from '../../../core/types';
import { indexFrames, peoplePerFrame, trackPresenceRuns } from '../../../renderer/src/lib/presence';
import { summarizeTracks } from '../../../renderer/src/lib/track-summary';
import { clampWindow, followFrame, frameToX, xToFrame, zoomWindow } from '../../../renderer/src/lib/timeline-view';

function pose(trackId: number, score: number): TrackedPose {
  return { trackId, score, keypoints: [], box: { x: 0, y: 0, w: 1, h: 1, score: 1 } };
}

// Track 0 everywhere; track 1 in frames 0–2 and 5–6 (gone 3–4); track 2 only in frame 6.
const frames: FramePoses[] = [0, 1, 2, 3, 4, 5, 6].map((i) => ({
  frameIndex: i,
  timestampMs: i * 33,
  poses: [pose(0, 0.8), ...(i <= 2 || i >= 5 ? [pose(1, 0.4)] : []), ...(i === 6 ? [pose(2, 0.9)] : [])],
}));

describe('track presence and counts', () => {
  it('splits a track into runs at its gaps', () => {
    const runs = trackPresenceRuns(frames);
    expect(runs.get(0)).toEqual([[0, 6]]);
    expect(runs.get(1)).toEqual([
      [0, 2],
      [5, 6],
    ]);
    expect(runs.get(2)).toEqual([[6, 6]]);
  });

  it('counts visible people per frame, leaving hidden tracks out', () => {
    expect([...peoplePerFrame(frames, 8)]).toEqual([2, 2, 2, 1, 1, 2, 3, 0]);
    expect([...peoplePerFrame(frames, 8, new Set([1]))]).toEqual([1, 1, 1, 1, 1, 1, 2, 0]);
  });

  it('indexes frames by frame number, leaving unprocessed frames empty', () => {
    const byIndex = indexFrames(
      frames.filter((f) => f.frameIndex !== 3),
      8,
    );
    expect(byIndex[2]?.frameIndex).toBe(2);
    expect(byIndex[3]).toBeUndefined();
    expect(byIndex).toHaveLength(8);
  });

  it('summarises range, frame count and mean score per track', () => {
    expect(summarizeTracks(frames)).toEqual([
      { trackId: 0, firstFrame: 0, lastFrame: 6, frameCount: 7, meanScore: expect.closeTo(0.8, 9) },
      { trackId: 1, firstFrame: 0, lastFrame: 6, frameCount: 5, meanScore: expect.closeTo(0.4, 9) },
      { trackId: 2, firstFrame: 6, lastFrame: 6, frameCount: 1, meanScore: expect.closeTo(0.9, 9) },
    ]);
  });
});

describe('timeline window', () => {
  const all = clampWindow({ startFrame: 0, visibleFrames: 1000 }, 1000);

  it('maps frames to x and back across a 500 px lane area', () => {
    expect(frameToX(all, 500, 500)).toBe(250);
    expect(xToFrame(all, 250, 500, 1000)).toBe(500);
    expect(xToFrame(all, -20, 500, 1000)).toBe(0);
    expect(xToFrame(all, 900, 500, 1000)).toBe(999);
  });

  it('zooms around the pointer, keeping the frame under it in place', () => {
    const zoomed = zoomWindow(all, 4, 100, 500, 1000);
    expect(zoomed.visibleFrames).toBe(250);
    expect(xToFrame(zoomed, 100, 500, 1000)).toBe(200);
    expect(zoomed.startFrame).toBe(150);
  });

  it('never zooms past the minimum span or scrolls outside the video', () => {
    expect(zoomWindow(all, 1000, 0, 500, 1000).visibleFrames).toBe(30);
    expect(clampWindow({ startFrame: 990, visibleFrames: 100 }, 1000)).toEqual({ startFrame: 900, visibleFrames: 100 });
    expect(clampWindow({ startFrame: 0, visibleFrames: 100 }, 12)).toEqual({ startFrame: 0, visibleFrames: 12 });
  });

  it('scrolls to keep the playhead visible only when it leaves the window', () => {
    const win = { startFrame: 100, visibleFrames: 100 };
    expect(followFrame(win, 150, 1000)).toBe(win);
    expect(followFrame(win, 400, 1000)).toEqual({ startFrame: 390, visibleFrames: 100 });
  });
});
