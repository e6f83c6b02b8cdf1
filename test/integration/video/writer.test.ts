import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVideoWriter,
  encodeJpeg,
  probeVideo,
  readFrames,
  writeImage,
  type VideoError,
} from '../../../core/video';
import type { Frame } from '../../../core/types';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A smooth test image: red grows to the right, green downwards, blue with the frame number. */
function gradient(width: number, height: number, frame: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      rgb[at] = Math.round((x / (width - 1)) * 255);
      rgb[at + 1] = Math.round((y / (height - 1)) * 255);
      rgb[at + 2] = (frame * 40) % 256;
    }
  }
  return rgb;
}

/** Mean absolute difference over the `width`×`height` top-left area of a frame `stride` wide. */
function meanAbsDiff(
  expected: Uint8Array,
  actual: Uint8Array,
  width: number,
  height: number,
  actualWidth: number,
): number {
  let sum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * 3; x++) sum += Math.abs(expected[y * width * 3 + x] - actual[y * actualWidth * 3 + x]);
  }
  return sum / (width * height * 3);
}

async function rejection(promise: Promise<unknown>): Promise<VideoError> {
  try {
    await promise;
  } catch (error) {
    return error as VideoError;
  }
  throw new Error('did not fail');
}

describe('createVideoWriter', () => {
  it('writes H.264 MP4 that reads back close to the input; odd sizes padded, not scaled; file appears only on finish', async () => {
    const out = path.join(dir, 'overlay.mp4');
    const [width, height] = [97, 61];
    const writer = await createVideoWriter(out, { width, height, fps: { num: 30000, den: 1001 } });
    for (let frame = 0; frame < 6; frame++) await writer.write(gradient(width, height, frame));
    expect(readdirSync(dir)).not.toContain('overlay.mp4');
    expect(writer.framesWritten).toBe(6);
    await writer.finish();
    expect(readdirSync(dir).filter((name) => name.includes('overlay'))).toEqual(['overlay.mp4']);

    const info = await probeVideo(out);
    expect(info).toMatchObject({
      codec: 'h264',
      pixelFormat: 'yuv420p',
      width: 98,
      height: 62,
      frameCount: 6,
      fps: { num: 30000, den: 1001 },
    });
    const frames: Frame[] = [];
    for await (const frame of readFrames(info)) frames.push(frame);
    // yuv420p halves colour resolution, so a few levels of error are expected; a neighbouring
    // frame (blue 40 levels apart) would be off by more than 13, and a stretched 98x62 image
    // (scaled instead of padded) would shift the gradient.
    frames.forEach((frame, index) =>
      expect(meanAbsDiff(gradient(width, height, index), frame.rgb, width, height, 98)).toBeLessThan(4.5),
    );
  });

  it('abort() and an AbortSignal leave neither the file nor a temp file behind', async () => {
    const sub = path.join(dir, 'aborts');
    mkdirSync(sub);
    const writer = await createVideoWriter(path.join(sub, 'a.mp4'), {
      width: 64,
      height: 48,
      fps: { num: 25, den: 1 },
    });
    await writer.write(gradient(64, 48, 0));
    await writer.abort();
    await writer.abort();

    const controller = new AbortController();
    const cancelled = await createVideoWriter(path.join(sub, 'b.mp4'), {
      width: 64,
      height: 48,
      fps: { num: 25, den: 1 },
      signal: controller.signal,
    });
    await cancelled.write(gradient(64, 48, 0));
    controller.abort();
    expect(await rejection(cancelled.write(gradient(64, 48, 1)))).toMatchObject({ code: 'CANCELLED' });
    await cancelled.abort();
    expect(readdirSync(sub)).toEqual([]);
  });

  it('rejects wrong frame sizes, bad targets and finishing with no frames, naming the file', async () => {
    const out = path.join(dir, 'bad.mp4');
    const writer = await createVideoWriter(out, { width: 64, height: 48, fps: { num: 25, den: 1 } });
    expect(await rejection(writer.write(new Uint8Array(10)))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Frame 0 for ${out} has 10 bytes; 64x48 RGB needs 9216.`,
    });
    expect(await rejection(writer.finish())).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Cannot finish ${out}: no frames were written.`,
    });
    const folder = path.join(dir, 'is-a-folder.mp4');
    mkdirSync(folder);
    expect(
      await rejection(createVideoWriter(folder, { width: 64, height: 48, fps: { num: 25, den: 1 } })),
    ).toMatchObject({ code: 'IS_DIRECTORY', message: `Cannot write ${folder}: it is a folder.` });
    expect(
      await rejection(createVideoWriter(path.join(dir, 'x.avi'), { width: 64, height: 48, fps: { num: 25, den: 1 } })),
    ).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await rejection(createVideoWriter(out, { width: 64, height: 48, fps: { num: 0, den: 1 } }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('images', () => {
  it('writeImage PNG round-trips exactly; JPEG stays close', async () => {
    const [width, height] = [33, 21];
    const rgb = gradient(width, height, 3);
    const png = path.join(dir, 'frame.png');
    await writeImage(png, rgb, width, height);
    const [pngFrame] = await collectFrames(png);
    expect(Buffer.from(pngFrame.rgb).equals(Buffer.from(rgb))).toBe(true);

    const jpeg = path.join(dir, 'frame.jpg');
    await writeImage(jpeg, rgb, width, height);
    const [jpegFrame] = await collectFrames(jpeg);
    expect(meanAbsDiff(rgb, jpegFrame.rgb, width, height, width)).toBeLessThan(4);
  });

  it('encodeJpeg returns a JPEG of the right size', async () => {
    const bytes = await encodeJpeg(gradient(40, 30, 0), 40, 30, 90);
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    const file = path.join(dir, 'encoded.jpg');
    writeFileSync(file, bytes);
    expect(await probeVideo(file)).toMatchObject({ width: 40, height: 30, codec: 'mjpeg' });
  });

  it('rejects unknown extensions and wrong buffer sizes', async () => {
    const gif = path.join(dir, 'frame.gif');
    expect(await rejection(writeImage(gif, new Uint8Array(12), 2, 2))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Cannot write ${gif}: use a .png, .jpg or .jpeg name.`,
    });
    expect(await rejection(writeImage(path.join(dir, 'x.png'), new Uint8Array(11), 2, 2))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await rejection(encodeJpeg(new Uint8Array(12), 2, 2, 101))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

async function collectFrames(file: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of readFrames(await probeVideo(file))) frames.push(frame);
  return frames;
}
