import { describe, expect, it } from 'vitest';
import { parseTimeMs } from '../../../hosts/cli/time-option';

const parse = parseTimeMs('--from');

describe('parseTimeMs', () => {
  it('reads seconds and clock times as a player shows them', () => {
    expect(parse('12.5')).toBe(12_500);
    expect(parse('0')).toBe(0);
    expect(parse('1:05')).toBe(65_000);
    expect(parse('1:05.25')).toBe(65_250);
    expect(parse('0:01:05.5')).toBe(65_500);
    expect(parse('2:00:00')).toBe(7_200_000);
    expect(parse(' 90 ')).toBe(90_000);
  });

  it('names the flag and the accepted forms for anything else', () => {
    for (const bad of ['', '-1', '1:75', '1:60:00', 'abc', '1::5', '1.5:00']) {
      expect(() => parse(bad), bad).toThrow(
        `--from needs a time in seconds (12.5) or as [h:]m:ss (1:05, 0:01:05.5), got "${bad}".`,
      );
    }
  });
});
