import { describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { defaultOutputPath } from '../../../hosts/cli/commands/track';
import { parseCount, parseFrameRange } from '../../../hosts/cli/options';
import { formatDuration, formatProgress } from '../../../hosts/cli/progress';

describe('track command arguments', () => {
  it('parses frame ranges in all three forms and rejects the rest', () => {
    expect(parseFrameRange('100:200')).toEqual({ startFrame: 100, endFrame: 200 });
    expect(parseFrameRange('100:')).toEqual({ startFrame: 100 });
    expect(parseFrameRange(':50')).toEqual({ endFrame: 50 });
    expect(() => parseFrameRange(':')).toThrow('--frames needs start:end');
    expect(() => parseFrameRange('5-9')).toThrow(
      '--frames needs start:end (0-based, end exclusive, e.g. 100:200, 100: or :50), got "5-9".',
    );
    expect(() => parseFrameRange('9:3')).toThrow('--frames 9:3: the end frame must be after the start frame.');
  });

  it('accepts only whole counts ≥ 1', () => {
    const parse = parseCount('--det-interval');
    expect(parse('3')).toBe(3);
    for (const bad of ['0', '-1', '2.5', 'x', ''])
      expect(() => parse(bad)).toThrow(`--det-interval needs a whole number ≥ 1, got "${bad}".`);
  });

  it('puts the default output beside the input, named after its stem or folder', async () => {
    expect(await defaultOutputPath('/data/clips/run.mp4', 'posetrack18')).toBe(
      path.resolve('/data/clips/run.posetrack.json'),
    );
    expect(await defaultOutputPath('/data/clips/run.mp4', 'csv')).toBe(path.resolve('/data/clips/run.poses.csv'));
    expect(await defaultOutputPath('/data/frames/%05d.png', 'posetrack18')).toBe(
      path.resolve('/data/frames.posetrack.json'),
    );
    const folder = os.tmpdir();
    expect(await defaultOutputPath(`${folder}/`, 'posetrack17')).toBe(`${path.resolve(folder)}.posetrack17.json`);
  });

  it('formats progress and durations for log lines', () => {
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatProgress({ done: 23, total: 230, rate: 4.25, etaMs: 48_600 }, 'frames')).toBe(
      '23/230 frames (10%), 4.3 fps, ETA 0:49',
    );
    expect(formatProgress({ done: 0, total: 230 }, 'frames')).toBe('0/230 frames (0%)');
  });
});
