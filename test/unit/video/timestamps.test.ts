import { describe, expect, it } from 'vitest';
import { frameIndexAtMs, frameTimeMs } from '../../../core/video/timestamps';

const cfr = { path: '/v/cfr.mp4', frameTimesMs: Array.from({ length: 300 }, (_, i) => (i * 1001) / 30) };
// 10 fps for a second, then 30 fps, then one long 500 ms frame.
const vfr = {
  path: '/v/vfr.mp4',
  frameTimesMs: [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1000 + 100 / 3, 1000 + 200 / 3, 1100, 1600],
};

describe('frameTimeMs / frameIndexAtMs', () => {
  it('round-trip exactly for every frame of a constant and a variable rate', () => {
    for (const info of [cfr, vfr]) {
      info.frameTimesMs.forEach((_, index) => expect(frameIndexAtMs(info, frameTimeMs(info, index))).toBe(index));
    }
  });

  it('maps a time between frames to the frame on screen (last frame at or before it)', () => {
    expect(frameIndexAtMs(vfr, 1099.999)).toBe(12);
    expect(frameIndexAtMs(vfr, 1100)).toBe(13);
    expect(frameIndexAtMs(vfr, 1599)).toBe(13);
    expect(frameIndexAtMs(cfr, 34)).toBe(1);
    expect(frameIndexAtMs(cfr, 33.3)).toBe(0);
  });

  it('clamps times before the first and after the last frame', () => {
    expect(frameIndexAtMs(vfr, -5)).toBe(0);
    expect(frameIndexAtMs(vfr, 1e9)).toBe(14);
  });

  it('rejects indices outside the video and NaN times, naming the file', () => {
    expect(() => frameTimeMs(vfr, 15)).toThrow('Frame index 15 is outside 0..14 of /v/vfr.mp4');
    expect(() => frameTimeMs(vfr, -1)).toThrow(RangeError);
    expect(() => frameTimeMs(vfr, 1.5)).toThrow(RangeError);
    expect(() => frameIndexAtMs(vfr, Number.NaN)).toThrow(/vfr\.mp4/);
    expect(() => frameIndexAtMs({ path: '/v/empty', frameTimesMs: [] }, 0)).toThrow('/v/empty has no frames');
  });
});
