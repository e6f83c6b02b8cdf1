import { describe, expect, it } from 'vitest';
import { planRead, plannedFrameIndex } from '../../../core/video/read-plan';

const info = { path: '/v/clip.mp4', frameCount: 10, width: 640, height: 360 };

describe('planRead', () => {
  it('defaults to every frame at the display size', () => {
    expect(planRead(info, {})).toEqual({ startFrame: 0, endFrame: 10, stride: 1, count: 10, width: 640, height: 360, scaled: false });
  });

  it('counts frames of a strided range, end exclusive', () => {
    const plan = planRead(info, { startFrame: 1, endFrame: 10, stride: 4 });
    expect(plan.count).toBe(3);
    expect([0, 1, 2].map((k) => plannedFrameIndex(plan, k))).toEqual([1, 5, 9]);
    expect(planRead(info, { startFrame: 4, endFrame: 4 }).count).toBe(0);
  });

  it('keeps the requested output size and marks it scaled', () => {
    expect(planRead(info, { scale: { width: 320, height: 181 } })).toMatchObject({ width: 320, height: 181, scaled: true });
  });

  it('rejects out-of-range and non-integer options, naming the option and the file', () => {
    expect(() => planRead(info, { startFrame: 11 })).toThrow('startFrame 11 must be an integer in 0..10 (/v/clip.mp4 has 10 frames).');
    expect(() => planRead(info, { startFrame: 5, endFrame: 3 })).toThrow('endFrame 3 must be an integer in 5..10');
    expect(() => planRead(info, { endFrame: 11 })).toThrow(/endFrame 11/);
    expect(() => planRead(info, { stride: 0 })).toThrow(/stride 0 must be a positive integer/);
    expect(() => planRead(info, { startFrame: 1.5 })).toThrow(/startFrame 1.5/);
    expect(() => planRead(info, { scale: { width: 0, height: 10 } })).toThrow(/scale 0x10/);
    expect(() => planRead(info, { scale: { width: 99999, height: 10 } })).toThrow(/scale 99999x10/);
  });
});
