import { describe, expect, it } from 'vitest';
import { frameDurationMs, frameIndexAtTime, seekTimeMsForFrame } from '../../../renderer/src/lib/frame-index';

// 30000/1001 fps, as NTSC cameras write it: a frame every 33.3667 ms.
const ntsc = Array.from({ length: 100 }, (_, i) => (i * 1001) / 30);
// Variable rate: 30 fps, then a gap, then 60 fps.
const vfr = [0, 33.333, 66.667, 100, 200, 216.667, 233.333];

describe('frameIndexAtTime', () => {
  it('maps each frame time to its own index, even where time × fps rounds the wrong way', () => {
    for (let i = 0; i < ntsc.length; i++) expect(frameIndexAtTime(ntsc, ntsc[i])).toBe(i);
    // 2 ms before frame 99 starts, frame 98 is still on screen; rounding time × fps says 99.
    expect(Math.round((3301.3 / 1000) * (30000 / 1001))).toBe(99);
    expect(frameIndexAtTime(ntsc, 3301.3)).toBe(98);
    expect(frameIndexAtTime(ntsc, 5000)).toBe(99);
  });

  it('follows a variable frame rate exactly', () => {
    expect(frameIndexAtTime(vfr, 150)).toBe(3);
    expect(frameIndexAtTime(vfr, 199.5)).toBe(4); // within the 1 ms tolerance of frame 4
    expect(frameIndexAtTime(vfr, 220)).toBe(5);
    expect(frameIndexAtTime(vfr, 5000)).toBe(6);
  });

  it('clamps before the first frame and handles an empty table', () => {
    expect(frameIndexAtTime(vfr, -50)).toBe(0);
    expect(frameIndexAtTime([], 10)).toBe(0);
  });
});

describe('seekTimeMsForFrame', () => {
  it('seeks to the middle of the frame so the decoder lands on it', () => {
    expect(seekTimeMsForFrame(vfr, 3)).toBeCloseTo(150, 6);
    expect(seekTimeMsForFrame(vfr, 4)).toBeCloseTo(208.3335, 3);
    for (let i = 0; i < vfr.length; i++) expect(frameIndexAtTime(vfr, seekTimeMsForFrame(vfr, i))).toBe(i);
  });

  it('reuses the previous interval for the last frame and clamps out-of-range indices', () => {
    expect(frameDurationMs(vfr, 6)).toBeCloseTo(16.666, 3);
    expect(seekTimeMsForFrame(vfr, 99)).toBeCloseTo(233.333 + 8.333, 3);
    expect(seekTimeMsForFrame(vfr, -4)).toBeCloseTo(16.6665, 3);
  });
});
