import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { assignOutputPaths, outputPathFor } from '../../../core/batch/output-path';

describe('outputPathFor', () => {
  it('mirrors the folder structure under the output folder', () => {
    expect(outputPathFor('/data/in/day1/a.mp4', '/data/in', '/data/out', 'posetrack18')).toBe(
      path.resolve('/data/out/day1/a.posetrack.json'),
    );
    expect(outputPathFor('/data/in/a.b.mkv', '/data/in', '/data/out', 'csv')).toBe(
      path.resolve('/data/out/a.b.poses.csv'),
    );
    expect(outputPathFor('/data/in/x.mov', '/data/in', '/data/out', 'posetrack17')).toBe(
      path.resolve('/data/out/x.posetrack17.json'),
    );
  });

  it('keeps the extension only for videos that would share an output', () => {
    const outputs = assignOutputPaths(
      ['/in/a.mov', '/in/a.mp4', '/in/b.mp4', '/in/sub/a.mp4'],
      '/in',
      '/out',
      'posetrack18',
    );
    expect(outputs).toEqual([
      path.resolve('/out/a.mov.posetrack.json'),
      path.resolve('/out/a.mp4.posetrack.json'),
      path.resolve('/out/b.posetrack.json'),
      path.resolve('/out/sub/a.posetrack.json'),
    ]);
  });
});
