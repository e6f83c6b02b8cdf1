import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A temporary folder made before a test file's tests and removed after them; `dir` is set in beforeAll. */
export function useTempFolder(prefix: string): { dir: string } {
  const folder = { dir: '' };
  beforeAll(async () => {
    folder.dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await fs.rm(folder.dir, { recursive: true, force: true });
  });
  return folder;
}

/** A stand-in video file `clip.mp4` in `folder` (made if missing): project files only need the path. */
export async function videoIn(folder: string): Promise<string> {
  await fs.mkdir(folder, { recursive: true });
  const video = path.join(folder, 'clip.mp4');
  await fs.writeFile(video, 'not really a video');
  return video;
}
