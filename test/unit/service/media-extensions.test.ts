import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_VIDEO_EXTENSIONS, FRAME_EXTENSIONS, VIDEO_EXTENSIONS } from '../../../core/media-extensions';
import { contentTypeFor } from '../../../core/http/content-types';
import { listMediaDir } from '../../../core/service/media-files';
import { framesOfFolder } from '../../../core/video/sequence';
import { discoverVideos } from '../../../core/batch/discover';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-media-'));
  for (const name of ['000001.png', '000002.PNG', '000003.webp', '000004.bmp', 'notes.txt', 'clip.mp4', 'clip.wmv'])
    await fs.writeFile(path.join(dir, name), '');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('the media extension table', () => {
  it('lets the file browser show only the frames a frame folder reads', async () => {
    const listed = (await listMediaDir(dir)).map((entry) => entry.name);
    expect(listed).toEqual(['000001.png', '000002.PNG', 'clip.mp4', 'clip.wmv']);
    const frames = (await framesOfFolder(dir)).map((file) => path.basename(file));
    expect(frames).toEqual(listed.filter((name) => FRAME_EXTENSIONS.includes(path.extname(name).toLowerCase())));
  });

  it('gives batch discovery a default list of videos the app opens', async () => {
    expect(BATCH_VIDEO_EXTENSIONS).toEqual(['mp4', 'mov', 'avi', 'mkv', 'webm']);
    expect(BATCH_VIDEO_EXTENSIONS.every((ext) => VIDEO_EXTENSIONS.includes(`.${ext}`))).toBe(true);
    expect(
      (await discoverVideos(dir, { recursive: false, extensions: BATCH_VIDEO_EXTENSIONS })).map((file) =>
        path.basename(file),
      ),
    ).toEqual(['clip.mp4']);
  });

  it('gives the hosts a content type for every media file the app opens', () => {
    for (const ext of [...VIDEO_EXTENSIONS, ...FRAME_EXTENSIONS])
      expect(contentTypeFor(`/v/a${ext}`), ext).not.toBe('application/octet-stream');
    expect(contentTypeFor('/v/A.MKV')).toBe('video/x-matroska');
    expect(contentTypeFor('/v/a.png')).toBe('image/png');
  });
});
