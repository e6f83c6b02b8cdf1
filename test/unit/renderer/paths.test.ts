import { describe, expect, it } from 'vitest';
import { basename, dirname, joinPath, parentDir, stem } from '../../../renderer/src/lib/paths';

describe('renderer path helpers', () => {
  it('handles POSIX paths', () => {
    expect(basename('/videos/run/a.clip.mp4')).toBe('a.clip.mp4');
    expect(stem('/videos/run/a.clip.mp4')).toBe('a.clip');
    expect(dirname('/videos/run/a.mp4')).toBe('/videos/run');
    expect(dirname('/a.mp4')).toBe('/');
    expect(joinPath('/videos', 'a.json')).toBe('/videos/a.json');
    expect(joinPath('/', 'a.json')).toBe('/a.json');
    expect(parentDir('/videos/run/')).toBe('/videos');
    expect(parentDir('/')).toBeNull();
  });

  it('keeps Windows separators and drive roots', () => {
    expect(dirname('C:\\clips\\a.mp4')).toBe('C:\\clips');
    expect(dirname('C:\\a.mp4')).toBe('C:\\');
    expect(joinPath('C:\\clips', 'a.json')).toBe('C:\\clips\\a.json');
    expect(parentDir('C:\\clips')).toBe('C:\\');
    expect(parentDir('C:\\')).toBeNull();
  });
});
