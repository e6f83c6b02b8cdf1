import { beforeAll, describe, expect, it } from 'vitest';
import { liveToolPids, probeVideo, readFrames } from '../../../core/video';
import { FrameBufferPool } from '../../../core/video/frame-pool';
import type { Frame, VideoInfo } from '../../../core/types';
import { VIDEOS } from '../../helpers/assets';
import { plainFfmpegFrames, sha1 } from './reference';

/**
 * The decoder's second output: each frame area-averaged to a smaller size on its own pipe. It is
 * held to what plain `ffmpeg -vf scale=W:H:flags=area` writes for the same frames, stays in
 * lockstep with the full frames through seeks and strides. The detector does not use it: it
 * resizes the full frame bilinearly, as it was trained (see test/integration/detect/detector-input.test.ts).
 */
const isWindows = process.platform === 'win32';
let vp9: VideoInfo;
let street: VideoInfo;

beforeAll(async () => {
  [vp9, street] = await Promise.all([probeVideo(VIDEOS.twoPeople), probeVideo(VIDEOS.street)]);
});

async function collect(frames: AsyncIterable<Frame>): Promise<Frame[]> {
  const all: Frame[] = [];
  for await (const frame of frames) all.push(frame);
  return all;
}

async function referenceHashes(file: string, width: number, height: number): Promise<string[]> {
  const hashes: string[] = [];
  for await (const rgb of plainFfmpegFrames(file, width * height * 3, ['-vf', `scale=${width}:${height}:flags=area`]))
    hashes.push(sha1(rgb));
  return hashes;
}

describe.skipIf(isWindows)('downscaled copy of each frame', () => {
  it('is byte-identical to ffmpeg area scaling, beside the untouched full frame, with start and stride', async () => {
    const size = { width: 320, height: 180 };
    const frames = await collect(readFrames(street, { downscale: size, startFrame: 1, stride: 2 }));
    expect(
      frames.map((f) => [f.index, f.width, f.downscaled?.width, f.downscaled?.height, f.downscaled?.rgb.length]),
    ).toEqual([
      [1, 1280, 320, 180, 320 * 180 * 3],
      [3, 1280, 320, 180, 320 * 180 * 3],
    ]);
    const small = await referenceHashes(street.path, 320, 180);
    const full = await referenceHashes(street.path, 1280, 720);
    expect(frames.map((f) => sha1(f.downscaled!.rgb))).toEqual([small[1], small[3]]);
    expect(frames.map((f) => sha1(f.rgb))).toEqual([full[1], full[3]]);
  });

  it('stays in step over a whole VP9 clip read from the middle, with pooled shared buffers', async () => {
    const pool = new FrameBufferPool();
    const size = { width: 416, height: 234 };
    const reference = await referenceHashes(vp9.path, size.width, size.height);
    let count = 0;
    for await (const frame of readFrames(vp9, { downscale: size, startFrame: 100, bufferPool: pool })) {
      expect(sha1(frame.downscaled!.rgb)).toBe(reference[frame.index]);
      expect(frame.downscaled!.rgb.buffer).toBeInstanceOf(SharedArrayBuffer);
      pool.give(frame.rgb);
      pool.give(frame.downscaled!.rgb);
      count += 1;
    }
    expect(count).toBe(130);
    expect(pool.idle).toBeLessThanOrEqual(8);
    expect(liveToolPids()).toEqual([]);
  });

  it('is left out when it would not be smaller than the frame', async () => {
    const frames = await collect(readFrames(street, { downscale: { width: 1280, height: 720 }, endFrame: 1 }));
    expect(frames[0].downscaled).toBeUndefined();
  });

  it('rejects a size that is not a positive integer, naming the file', async () => {
    await expect(collect(readFrames(street, { downscale: { width: 0, height: 10 } }))).rejects.toThrow(
      /downscale 0x10.*street_5frames/,
    );
  });
});
