import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOutputPath } from '../../../hosts/cli/commands/track';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-percent-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('inputs whose names contain %', () => {
  it('put the default output beside an existing file, not in the parent folder', async () => {
    for (const name of ['clip 100%.mp4', 'run_%d.mp4', 'take%03d.mov']) {
      const file = path.join(dir, name);
      await fs.writeFile(file, 'x');
      const stem = name.slice(0, name.length - path.extname(name).length);
      expect(await defaultOutputPath(file, 'posetrack18'), name).toBe(path.join(dir, `${stem}.posetrack.json`));
    }
  });

  it('treat a name as a frame pattern only when no such file exists', async () => {
    const frames = path.join(dir, 'frames');
    expect(await defaultOutputPath(path.join(frames, '%05d.png'), 'csv')).toBe(`${frames}.poses.csv`);
  });
});
