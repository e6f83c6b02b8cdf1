import { describe, expect, it } from 'vitest';
import { parseRational, rationalFromNumber, rationalToNumber, reduceRational } from '../../../core/video/rational';

describe('parseRational', () => {
  it('reads ffprobe fractions and plain integers, reduced', () => {
    expect(parseRational('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRational('60/2')).toEqual({ num: 30, den: 1 });
    expect(parseRational('25')).toEqual({ num: 25, den: 1 });
  });

  it('rejects the values ffprobe uses for "unknown"', () => {
    for (const text of ['0/0', '30/0', 'N/A', '', undefined, '1.5/2', 'abc'])
      expect(parseRational(text)).toBeUndefined();
  });
});

describe('rationalFromNumber', () => {
  it('finds NTSC rates and integers exactly', () => {
    expect(rationalFromNumber(25)).toEqual({ num: 25, den: 1 });
    expect(rationalFromNumber(30000 / 1001)).toEqual({ num: 30000, den: 1001 });
    expect(rationalFromNumber(24000 / 1001)).toEqual({ num: 24000, den: 1001 });
    expect(rationalFromNumber(12.5)).toEqual({ num: 25, den: 2 });
  });

  it('keeps denominators at or below 1001 and stays within 1e-3 of the value', () => {
    const value = Math.PI * 10;
    const rational = rationalFromNumber(value);
    expect(rational.den).toBeLessThanOrEqual(1001);
    expect(Math.abs(rationalToNumber(rational) - value)).toBeLessThan(1e-3);
  });

  it('rejects non-positive and non-finite rates', () => {
    for (const value of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => rationalFromNumber(value)).toThrow(/positive frame rate/);
  });
});

it('reduceRational divides by the greatest common divisor', () => {
  expect(reduceRational({ num: 15360, den: 512 })).toEqual({ num: 30, den: 1 });
});
