import { describe, expect, it } from 'vitest';
import { clockwiseRotationDeg, normaliseQuarterTurns, rotatedSize } from '../../../core/video/rotation';

describe('clockwiseRotationDeg', () => {
  it('turns the display matrix rotation (counter-clockwise) into clockwise degrees', () => {
    const stream = (rotation: number) => ({ side_data_list: [{ side_data_type: 'Display Matrix', rotation }] });
    expect(clockwiseRotationDeg(stream(-90))).toBe(90);
    expect(clockwiseRotationDeg(stream(90))).toBe(270);
    expect(clockwiseRotationDeg(stream(180))).toBe(180);
    expect(clockwiseRotationDeg(stream(-180))).toBe(180);
    expect(clockwiseRotationDeg(stream(0))).toBe(0);
  });

  it('falls back to the legacy clockwise rotate tag', () => {
    expect(clockwiseRotationDeg({ tags: { rotate: '90' } })).toBe(90);
    expect(clockwiseRotationDeg({ tags: { rotate: '-90' } })).toBe(270);
  });

  it('prefers the display matrix over the tag and ignores other side data', () => {
    expect(
      clockwiseRotationDeg({
        side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }],
        tags: { rotate: '180' },
      }),
    ).toBe(90);
    expect(clockwiseRotationDeg({ side_data_list: [{ side_data_type: 'Stereo 3D' }] })).toBe(0);
    expect(clockwiseRotationDeg({})).toBe(0);
  });
});

it('normaliseQuarterTurns wraps and snaps to quarter turns', () => {
  expect(normaliseQuarterTurns(-90)).toBe(270);
  expect(normaliseQuarterTurns(450)).toBe(90);
  expect(normaliseQuarterTurns(89.9)).toBe(90);
  expect(normaliseQuarterTurns(Number.NaN)).toBe(0);
});

it('rotatedSize swaps sides for quarter turns only', () => {
  expect(rotatedSize(1920, 1080, 90)).toEqual({ width: 1080, height: 1920 });
  expect(rotatedSize(1920, 1080, 270)).toEqual({ width: 1080, height: 1920 });
  expect(rotatedSize(1920, 1080, 180)).toEqual({ width: 1920, height: 1080 });
});
