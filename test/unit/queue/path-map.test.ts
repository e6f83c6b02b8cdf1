import { describe, expect, it } from 'vitest';
import { mapPath, parsePathMapping } from '../../../core/queue/path-map';

describe('--path-map', () => {
  const maps = [parsePathMapping('/mnt/lab=/data/lab'), parsePathMapping('/mnt/scratch/=/scratch')];

  it('replaces a whole leading folder', () => {
    expect(mapPath('/mnt/lab/day1/a.mp4', maps)).toBe('/data/lab/day1/a.mp4');
    expect(mapPath('/mnt/scratch/out/a.posetrack.json', maps)).toBe('/scratch/out/a.posetrack.json');
    expect(mapPath('/mnt/lab', maps)).toBe('/data/lab');
  });

  it('leaves paths under no mapping, and folders that only share a prefix, alone', () => {
    expect(mapPath('/mnt/lab2/a.mp4', maps)).toBe('/mnt/lab2/a.mp4');
    expect(mapPath('/home/me/a.mp4', maps)).toBe('/home/me/a.mp4');
  });

  it('maps POSIX paths onto a Windows share and back', () => {
    expect(mapPath('/mnt/lab/day1/a.mp4', [parsePathMapping('/mnt/lab=Z:\\lab')])).toBe('Z:\\lab\\day1\\a.mp4');
    expect(mapPath('Z:\\lab\\day1\\a.mp4', [parsePathMapping('Z:\\lab=/mnt/lab')])).toBe('/mnt/lab/day1/a.mp4');
  });

  it('rejects mappings without both absolute sides', () => {
    expect(() => parsePathMapping('/mnt/lab')).toThrow(
      '--path-map needs FROM=TO, such as /mnt/lab=/data/lab, got "/mnt/lab".',
    );
    expect(() => parsePathMapping('=/data')).toThrow('--path-map needs FROM=TO');
    expect(() => parsePathMapping('lab=/data/lab')).toThrow('--path-map lab=/data/lab: "lab" is not an absolute path.');
  });
});
