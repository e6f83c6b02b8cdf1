import { describe, expect, it } from 'vitest';
import { isFramePattern, parseFramePattern } from '../../../core/video/printf-pattern';

describe('parseFramePattern', () => {
  it('formats and matches zero-padded numbers exactly', () => {
    const pattern = parseFramePattern('%06d.jpg');
    expect(pattern.format(42)).toBe('000042.jpg');
    expect(pattern.match('000042.jpg')).toBe(42);
    expect(pattern.match('1234567.jpg')).toBe(1234567);
    expect(pattern.match('42.jpg')).toBeUndefined();
    expect(pattern.match('000042.png')).toBeUndefined();
    expect(pattern.match('x000042.jpg')).toBeUndefined();
  });

  it('handles %d, literal text with regex characters and %%', () => {
    const pattern = parseFramePattern('img(1)_%d_100%%.png');
    expect(pattern.format(7)).toBe('img(1)_7_100%.png');
    expect(pattern.match('img(1)_12_100%.png')).toBe(12);
    expect(pattern.match('img(1)_012_100%.png')).toBeUndefined();
  });

  it('rejects patterns with no or several placeholders', () => {
    expect(() => parseFramePattern('frame.jpg')).toThrow(/no frame-number placeholder/);
    expect(() => parseFramePattern('%d_%d.jpg')).toThrow(/more than one/);
  });
});

it('isFramePattern ignores literal percent signs', () => {
  expect(isFramePattern('%06d.jpg')).toBe(true);
  expect(isFramePattern('f_%d.png')).toBe(true);
  expect(isFramePattern('100%%.png')).toBe(false);
  expect(isFramePattern('video.mp4')).toBe(false);
});
