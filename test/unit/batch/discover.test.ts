import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { discoverVideos } from '../../../core/batch/discover';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-discover-'));
  for (const file of [
    'b.mp4',
    'a.MOV',
    'notes.txt',
    '.hidden.mp4',
    'sub/c.mkv',
    'sub/deep/d.webm',
    'out/e.mp4',
    'B2.avi',
  ]) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), 'x');
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const relative = (files: string[]) => files.map((f) => path.relative(root, f));
const all = ['mp4', 'mov', 'avi', 'mkv', 'webm'];

describe('discoverVideos', () => {
  it('lists only the top folder unless recursive, sorted, extensions case-insensitive, hidden skipped', async () => {
    expect(relative(await discoverVideos(root, { recursive: false, extensions: all }))).toEqual([
      'B2.avi',
      'a.MOV',
      'b.mp4',
    ]);
  });

  it('descends into sub-folders when recursive, except excluded ones', async () => {
    const files = await discoverVideos(root, {
      recursive: true,
      extensions: all,
      excludeDirs: [path.join(root, 'out')],
    });
    expect(relative(files)).toEqual(['B2.avi', 'a.MOV', 'b.mp4', 'sub/c.mkv', 'sub/deep/d.webm']);
  });

  it('honours the extension list, with or without dots', async () => {
    expect(relative(await discoverVideos(root, { recursive: true, extensions: ['.mkv', 'WEBM'] }))).toEqual([
      'sub/c.mkv',
      'sub/deep/d.webm',
    ]);
  });

  it('names the folder when it is missing or a file', async () => {
    const missing = path.join(root, 'nope');
    await expect(discoverVideos(missing, { recursive: false, extensions: all })).rejects.toThrow(
      `Batch folder ${missing} cannot be read (ENOENT).`,
    );
    const file = path.join(root, 'b.mp4');
    await expect(discoverVideos(file, { recursive: false, extensions: all })).rejects.toThrow(
      `Batch input ${file} is not a folder.`,
    );
  });
});
