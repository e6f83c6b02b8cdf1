import { describe, expect, it } from 'vitest';
import { planRead, plannedFrameIndex } from '../../../core/video/read-plan';

/** Ten frames of a variable-rate clip: 40 ms apart, then 100 ms apart from frame 5. */
const info = {
  path: '/v/clip.mp4',
  frameCount: 10,
  width: 640,
  height: 360,
  frameTimesMs: [0, 40, 80, 120, 160, 200, 300, 400, 500, 600],
};

describe('planRead', () => {
  it('defaults to every frame at the display size', () => {
    expect(planRead(info, {})).toEqual({
      startFrame: 0,
      endFrame: 10,
      stride: 1,
      count: 10,
      width: 640,
      height: 360,
      scaled: false,
    });
  });

  it('counts frames of a strided range, end exclusive', () => {
    const plan = planRead(info, { startFrame: 1, endFrame: 10, stride: 4 });
    expect(plan.count).toBe(3);
    expect([0, 1, 2].map((k) => plannedFrameIndex(plan, k))).toEqual([1, 5, 9]);
    expect(planRead(info, { startFrame: 4, endFrame: 4 }).count).toBe(0);
  });

  it('keeps the requested output size and marks it scaled', () => {
    expect(planRead(info, { scale: { width: 320, height: 181 } })).toMatchObject({
      width: 320,
      height: 181,
      scaled: true,
    });
  });

  it('rejects out-of-range and non-integer options, naming the option and the file', () => {
    expect(() => planRead(info, { startFrame: 11 })).toThrow(
      'startFrame 11 must be an integer in 0..10 (/v/clip.mp4 has 10 frames).',
    );
    expect(() => planRead(info, { startFrame: 5, endFrame: 3 })).toThrow('endFrame 3 must be an integer in 5..10');
    expect(() => planRead(info, { endFrame: 11 })).toThrow(/endFrame 11/);
    expect(() => planRead(info, { stride: 0 })).toThrow(/stride 0 must be a positive integer/);
    expect(() => planRead(info, { startFrame: 1.5 })).toThrow(/startFrame 1.5/);
    expect(() => planRead(info, { scale: { width: 0, height: 10 } })).toThrow(/scale 0x10/);
    expect(() => planRead(info, { scale: { width: 99999, height: 10 } })).toThrow(/scale 99999x10/);
  });

  it('maps start and end times through the timestamp table', () => {
    // The frame on screen at 250 ms is frame 5 (200 ms); frames before 450 ms end with frame 7.
    expect(planRead(info, { startTimeMs: 250, endTimeMs: 450 })).toMatchObject({
      startFrame: 5,
      endFrame: 8,
      count: 3,
    });
    expect(planRead(info, { startTimeMs: 300 })).toMatchObject({ startFrame: 6, endFrame: 10 });
    expect(planRead(info, { endTimeMs: 120 })).toMatchObject({ startFrame: 0, endFrame: 3 });
    expect(planRead(info, { endTimeMs: 10_000 })).toMatchObject({ endFrame: 10 });
    expect(planRead(info, { startFrame: 2, endTimeMs: 80 })).toMatchObject({ startFrame: 2, endFrame: 2, count: 0 });
  });

  it('rejects both forms of one end, negative times and an end time before the start', () => {
    expect(() => planRead(info, { startFrame: 1, startTimeMs: 40 })).toThrow(
      'give startFrame or startTimeMs, not both (/v/clip.mp4 has 10 frames).',
    );
    expect(() => planRead(info, { endFrame: 5, endTimeMs: 40 })).toThrow('give endFrame or endTimeMs, not both');
    expect(() => planRead(info, { startTimeMs: -1 })).toThrow('startTimeMs -1 must be a time ≥ 0');
    expect(() => planRead(info, { endTimeMs: Number.NaN })).toThrow('endTimeMs NaN must be a time ≥ 0');
    expect(() => planRead(info, { startTimeMs: 400, endTimeMs: 100 })).toThrow(
      'endTimeMs 100 is before start frame 7 (at 400 ms)',
    );
  });
});
