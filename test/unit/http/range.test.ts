import { describe, expect, it } from 'vitest';
import { contentRangeHeader, parseRangeHeader } from '../../../core/http/range';

describe('parseRangeHeader', () => {
  const size = 1000;
  it('serves the whole file without a Range header or with another unit', () => {
    expect(parseRangeHeader(undefined, size)).toEqual({ kind: 'full' });
    expect(parseRangeHeader('items=0-5', size)).toEqual({ kind: 'full' });
    expect(parseRangeHeader('bytes=abc', size)).toEqual({ kind: 'full' });
  });
  it('parses closed, open and suffix ranges (end inclusive, clamped)', () => {
    expect(parseRangeHeader('bytes=0-99', size)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(parseRangeHeader('bytes=900-', size)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(parseRangeHeader('bytes=-100', size)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(parseRangeHeader('bytes=-5000', size)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
    expect(parseRangeHeader('bytes=990-5000', size)).toEqual({ kind: 'partial', range: { start: 990, end: 999 } });
    expect(parseRangeHeader('bytes=10-20, 30-40', size)).toEqual({ kind: 'partial', range: { start: 10, end: 20 } });
  });
  it('reports unsatisfiable ranges', () => {
    expect(parseRangeHeader('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=50-10', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('formats Content-Range', () => {
    expect(contentRangeHeader({ start: 5, end: 9 }, 10)).toBe('bytes 5-9/10');
  });
});
