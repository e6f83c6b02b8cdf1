import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVideoWriter } from '../../../core/video/writer';
import { mountSmallDisk, type SmallDisk } from '../../helpers/small-disk';

const WIDTH = 320;
const HEIGHT = 240;
const FRAMES = 5;

/** Noise that x264 cannot compress much, the same every run (xorshift32). */
function noiseFrames(): Uint8Array[] {
  let state = 0x2545f491;
  return Array.from({ length: FRAMES }, () => {
    const frame = new Uint8Array(WIDTH * HEIGHT * 3);
    for (let i = 0; i < frame.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      frame[i] = state & 0xff;
    }
    return frame;
  });
}

async function writeVideo(file: string, frames: Uint8Array[]): Promise<void> {
  const writer = await createVideoWriter(file, { width: WIDTH, height: HEIGHT, fps: { num: 5, den: 1 } });
  for (const frame of frames) await writer.write(frame);
  await writer.finish();
}

let disk: SmallDisk | null = null;
let skipReason = '';
let frames: Uint8Array[];
let fullSizeBytes = 0;

beforeAll(async () => {
  ({ disk, reason: skipReason } = await mountSmallDisk(2 * 1024 * 1024));
  frames = noiseFrames();
  const roomy = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-roomy-'));
  await writeVideo(path.join(roomy, 'ref.mp4'), frames);
  fullSizeBytes = (await fs.stat(path.join(roomy, 'ref.mp4'))).size;
  await fs.rm(roomy, { recursive: true, force: true });
});
afterAll(async () => {
  await disk?.unmount();
});

describe('overlay video on a full disk', () => {
  it('fails saying the disk is full and leaves no file, even where ffmpeg exits 0', async (context) => {
    if (!disk) return context.skip(skipReason);
    // Room for the frames but not for the MP4 index written last (ffmpeg exits 0 in part of this
    // range and fails in the rest): every free size must end in the same clear error.
    for (const shortByBytes of [8_000, 16_000, 24_000, 32_000, 48_000, 64_000]) {
      await disk.leaveFree(fullSizeBytes - shortByBytes);
      const out = path.join(disk.dir, 'overlay.mp4');
      await expect(writeVideo(out, frames), `${shortByBytes} bytes short`).rejects.toMatchObject({
        code: 'DISK_FULL',
        message: `Cannot write ${out}: the disk is full; the unfinished video was deleted.`,
      });
      expect((await fs.readdir(disk.dir)).filter((name) => name !== '.filler')).toEqual([]);
    }
  }, 120_000);

  it('still writes the video when it fits', async (context) => {
    if (!disk) return context.skip(skipReason);
    await disk.leaveFree(fullSizeBytes + 200_000);
    const out = path.join(disk.dir, 'fits.mp4');
    await writeVideo(out, frames);
    expect((await fs.stat(out)).size).toBe(fullSizeBytes);
    await fs.rm(out);
  }, 60_000);
});
