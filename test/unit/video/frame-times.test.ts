import { describe, expect, it } from 'vitest';
import {
  constantFrameTimesMs,
  frameTimingFromPackets,
  isVariableFrameRate,
  parsePacketLines,
  typicalFrameGapMs,
} from '../../../core/video/frame-times';

describe('parsePacketLines', () => {
  it('reads compact ffprobe packet lines, N/A as missing and D as discard', () => {
    const packets = parsePacketLines(
      'pts=1024|dts=0|duration=512|flags=K__\npts=N/A|dts=512|duration=N/A|flags=_D_\n\n',
    );
    expect(packets).toEqual([
      { pts: 1024, dts: 0, durationTicks: 512, discard: false },
      { pts: undefined, dts: 512, durationTicks: undefined, discard: true },
    ]);
  });
});

describe('frameTimingFromPackets', () => {
  const tb = { num: 1, den: 15360 };

  it('sorts B-frame packets into presentation order, relative to the first frame', () => {
    // Decode order I P B B (pts 2 5 3 4 frames of 512 ticks), as x264 writes it.
    const packets = [2, 5, 3, 4].map((frame) => ({
      pts: frame * 512,
      dts: undefined,
      durationTicks: 512,
      discard: false,
    }));
    const timing = frameTimingFromPackets(packets, tb)!;
    expect(timing.frameTimesMs.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([0, 33.333, 66.667, 100]);
    expect(timing.firstPtsSec).toBeCloseTo((2 * 512) / 15360, 12);
    expect(timing.lastFrameDurationMs).toBeCloseTo(33.3333, 3);
  });

  it('moves a frame that repeats the previous timestamp one tick later, as ffmpeg decodes it', () => {
    const packets = [0, 512, 512, 1024].map((pts) => ({ pts, discard: false }));
    const ticks = frameTimingFromPackets(packets, tb)!.frameTimesMs.map((ms) => Math.round((ms * 15360) / 1000));
    expect(ticks).toEqual([0, 512, 513, 1024]);
  });

  it('drops packets the demuxer discards (edit lists)', () => {
    const packets = [
      { pts: -512, durationTicks: 512, discard: true },
      { pts: 0, durationTicks: 512, discard: false },
      { pts: 512, durationTicks: 512, discard: false },
    ];
    expect(frameTimingFromPackets(packets, tb)!.frameTimesMs).toHaveLength(2);
  });

  it('uses dts when pts is missing, and gives up when both are', () => {
    expect(
      frameTimingFromPackets(
        [
          { dts: 0, discard: false },
          { dts: 3000, discard: false },
        ],
        { num: 1, den: 90000 },
      )!.frameTimesMs,
    ).toEqual([0, 100 / 3]);
    expect(frameTimingFromPackets([{ discard: false }, { discard: false }], tb)).toBeUndefined();
    expect(frameTimingFromPackets([], tb)).toBeUndefined();
  });
});

describe('isVariableFrameRate', () => {
  it('accepts rounding of a coarse 1 ms time base as constant', () => {
    const times = Array.from({ length: 30 }, (_, i) => Math.round((i * 1000) / 30));
    expect(isVariableFrameRate(times, { num: 1, den: 1000 })).toBe(false);
  });

  it('detects a change from 10 to 30 fps', () => {
    const times = [0, 100, 200, 300, 333.33, 366.67, 400];
    expect(isVariableFrameRate(times, { num: 1, den: 15360 })).toBe(true);
  });

  it('is false for fewer than three frames', () => {
    expect(isVariableFrameRate([0, 500], { num: 1, den: 1000 })).toBe(false);
  });
});

it('constantFrameTimesMs spaces frames by den/num seconds', () => {
  expect(constantFrameTimesMs(3, { num: 25, den: 1 })).toEqual([0, 40, 80]);
  expect(constantFrameTimesMs(2, { num: 30000, den: 1001 })[1]).toBeCloseTo(33.3667, 4);
});

it('typicalFrameGapMs is the median gap', () => {
  expect(typicalFrameGapMs([0, 40, 80, 200])).toBe(40);
  expect(typicalFrameGapMs([0])).toBeUndefined();
});
