import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../../hosts/cli/duration-option';

const parse = parseDurationMs('--max-gap');

describe('parseDurationMs', () => {
  it('reads seconds with or without "s", and milliseconds', () => {
    expect(parse('3s')).toBe(3000);
    expect(parse('2.5s')).toBe(2500);
    expect(parse(' 3 ')).toBe(3000);
    expect(parse('500ms')).toBe(500);
    expect(parse('0')).toBe(0);
  });

  it('names the flag and the accepted forms for anything else', () => {
    for (const bad of ['', '-1s', '3 min', 'abc', '1:00', 's']) {
      expect(() => parse(bad), bad).toThrow(`--max-gap needs a duration such as 3s, 2.5s or 500ms, got "${bad}".`);
    }
  });
});
