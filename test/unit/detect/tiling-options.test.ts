import { describe, expect, it } from 'vitest';
import { parseTilingSpec, resolveTiling } from '../../../core/detect/tiling-options';
import { resolveDetectorOptions } from '../../../core/detect/options';

describe('tiling options', () => {
  it('accepts auto, off and a grid; defaults to auto', () => {
    expect(resolveTiling()).toBe('auto');
    expect(resolveTiling('off')).toBe('off');
    expect(resolveTiling({ cols: 3, rows: 2, overlap: 0.2 })).toEqual({ cols: 3, rows: 2, overlap: 0.2 });
    expect(resolveDetectorOptions({ model: 'm' }).tiling).toBe('auto');
  });

  it('rejects bad grids naming the field and the allowed range', () => {
    expect(() => resolveTiling('on')).toThrow(
      `Invalid tiling "on". Should be 'auto', 'off' or { cols, rows, overlap }.`,
    );
    expect(() => resolveTiling({ cols: 0, rows: 2, overlap: 0.2 })).toThrow(
      'Invalid tiling cols 0. Should be an integer from 1 to 8.',
    );
    expect(() => resolveTiling({ cols: 2, rows: 2.5, overlap: 0.2 })).toThrow(
      'Invalid tiling rows 2.5. Should be an integer from 1 to 8.',
    );
    expect(() => resolveTiling({ cols: 2, rows: 2, overlap: 0.6 })).toThrow(
      'Invalid tiling overlap 0.6. Should be a number from 0 to 0.5.',
    );
    expect(() => resolveTiling({ cols: 2, rows: 2 })).toThrow('Invalid tiling overlap undefined.');
    expect(() => resolveDetectorOptions({ model: 'm', tiling: { cols: 9, rows: 1, overlap: 0 } })).toThrow(
      'Invalid tiling cols 9.',
    );
  });

  it('parses the command-line forms', () => {
    expect(parseTilingSpec('auto')).toBe('auto');
    expect(parseTilingSpec(' OFF ')).toBe('off');
    expect(parseTilingSpec('3x2')).toEqual({ cols: 3, rows: 2, overlap: 0.2 });
    expect(parseTilingSpec('2X2@0.25')).toEqual({ cols: 2, rows: 2, overlap: 0.25 });
    expect(() => parseTilingSpec('3by2')).toThrow(
      '--tiling needs auto, off, CxR or CxR@overlap (e.g. 3x2 or 2x2@0.25), got "3by2".',
    );
    expect(() => parseTilingSpec('9x1')).toThrow('Invalid tiling cols 9.');
  });
});
