import { existsSync, copyFileSync, truncateSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveToolPids, probeVideo, readFrames, type VideoError } from '../../../core/video';
import type { Frame, VideoInfo } from '../../../core/types';
import { VIDEOS } from '../../helpers/assets';
import { levelOfFrame, makeFixtures, meanLevel, vfrTimeMs, type Fixtures } from './fixtures';
import { plainFfmpegFrames, sha1 } from './reference';

let fx: Fixtures;
let vp9: VideoInfo;
let street: VideoInfo;
/**
 * Ranges read from the VP9 clip (keyframes at 0, 60, 120, 180): the first frames, a stride across
 * the keyframe at 120, and the last frames. [start, end, stride].
 */
const RANGES = [
  [0, 3, 1],
  [117, 124, 2],
  [226, 230, 3],
] as const;
const rangeIndices = ([startFrame, endFrame, stride]: readonly [number, number, number]) =>
  Array.from({ length: Math.ceil((endFrame - startFrame) / stride) }, (_, k) => startFrame + k * stride);
const RANGE_FRAMES = new Set(RANGES.flatMap((range) => rangeIndices(range)));
/** sha1 of plain ffmpeg's frames of the VP9 clip, by index (the ones the range test looks at). */
const vp9Reference = new Map<number, string>();

beforeAll(async () => {
  fx = makeFixtures();
  [vp9, street] = await Promise.all([probeVideo(VIDEOS.twoPeople), probeVideo(VIDEOS.street)]);
});
afterAll(() => fx?.cleanup());

async function collect(frames: AsyncIterable<Frame>): Promise<Frame[]> {
  const all: Frame[] = [];
  for await (const frame of frames) all.push(frame);
  return all;
}

async function failure(frames: AsyncIterable<Frame>): Promise<VideoError> {
  try {
    await collect(frames);
  } catch (error) {
    return error as VideoError;
  }
  throw new Error('reading did not fail');
}

function processGone(pid: number): boolean {
  return !existsSync(`/proc/${pid}`) && !liveToolPids().includes(pid);
}

describe('byte-identical to plain ffmpeg', () => {
  it('every frame of the VP9 clip (230 frames), compared in lockstep', async () => {
    const ours = readFrames(vp9);
    let index = 0;
    for await (const reference of plainFfmpegFrames(vp9.path, vp9.width * vp9.height * 3)) {
      const { value, done } = await ours.next();
      expect(done).toBe(false);
      expect(value!.index).toBe(index);
      expect(value!.timestampMs).toBeCloseTo((index * 1000) / 30, 6);
      expect([value!.width, value!.height, value!.rgb.length]).toEqual([1768, 994, 1768 * 994 * 3]);
      // Buffer.equals is a memcmp: exact, and far cheaper than hashing 1.2 GB twice.
      expect(Buffer.from(value!.rgb.buffer, value!.rgb.byteOffset, value!.rgb.length).equals(reference)).toBe(true);
      if (RANGE_FRAMES.has(index)) vp9Reference.set(index, sha1(reference));
      index += 1;
    }
    expect(index).toBe(230);
    expect((await ours.next()).done).toBe(true);
  });

  it('every frame of the MPEG-4 clip', async () => {
    const ours = await collect(readFrames(street));
    const reference = await collect(
      (async function* () {
        let index = 0;
        for await (const rgb of plainFfmpegFrames(street.path, 1280 * 720 * 3))
          yield { index: index++, timestampMs: 0, width: 1280, height: 720, rgb } satisfies Frame;
      })(),
    );
    expect(ours).toHaveLength(5);
    expect(ours.map((frame) => sha1(frame.rgb))).toEqual(reference.map((frame) => sha1(frame.rgb)));
  });

  it('start, end and stride deliver exactly those frames (seeking, first and last frame included)', async () => {
    expect(vp9Reference.size).toBe(RANGE_FRAMES.size);
    for (const range of RANGES) {
      const [startFrame, endFrame, stride] = range;
      const frames = await collect(readFrames(vp9, { startFrame, endFrame, stride }));
      const expected = rangeIndices(range);
      expect(frames.map((frame) => frame.index)).toEqual(expected);
      expect(frames.map((frame) => sha1(frame.rgb))).toEqual(expected.map((index) => vp9Reference.get(index)));
    }
  });

  it('scale matches ffmpeg scaling the same frames', async () => {
    const scale = { width: 320, height: 181 };
    const ours = await collect(readFrames(street, { scale, startFrame: 1, stride: 2 }));
    expect(ours.map((frame) => [frame.index, frame.width, frame.height, frame.rgb.length])).toEqual([
      [1, 320, 181, 320 * 181 * 3],
      [3, 320, 181, 320 * 181 * 3],
    ]);
    const reference: string[] = [];
    for await (const rgb of plainFfmpegFrames(street.path, 320 * 181 * 3, ['-vf', 'scale=320:181']))
      reference.push(sha1(rgb));
    expect(ours.map((frame) => sha1(frame.rgb))).toEqual([reference[1], reference[3]]);
  });
});

describe('frame index stays exact', () => {
  it('for a variable-frame-rate clip: no frame dropped or duplicated, times from the stream', async () => {
    const info = await probeVideo(fx.vfr);
    const frames = await collect(readFrames(info));
    expect(frames).toHaveLength(40);
    frames.forEach((frame, index) => {
      expect(frame.index).toBe(index);
      expect(Math.abs(frame.timestampMs - vfrTimeMs(index))).toBeLessThan(0.01);
      expect(Math.abs(meanLevel(frame.rgb) - levelOfFrame(index))).toBeLessThan(2.5);
    });
  });

  it.each([
    ['MP4', 'vfr'],
    ['MPEG-TS (no index)', 'vfrTs'],
    ['MP4 after 0.5 s of audio', 'vfrAfterAudio'],
  ] as const)('when starting mid-way, in %s', async (_, key) => {
    const info = await probeVideo(fx[key]);
    const frames = await collect(readFrames(info, { startFrame: 9, endFrame: 40, stride: 5 }));
    expect(frames.map((frame) => frame.index)).toEqual([9, 14, 19, 24, 29, 34, 39]);
    for (const frame of frames) expect(Math.abs(meanLevel(frame.rgb) - levelOfFrame(frame.index))).toBeLessThan(2.5);
  });

  it('for a start and end given as times: the frame on screen at the start up to the last before the end', async () => {
    const info = await probeVideo(fx.vfr);
    // 950 ms shows frame 9 (900 ms, 10 fps part); frame 30 is at 1666.7 ms and frame 31 at 1733.3 ms.
    const frames = await collect(readFrames(info, { startTimeMs: 950, endTimeMs: 1700 }));
    expect(frames.map((frame) => frame.index)).toEqual(Array.from({ length: 22 }, (_, k) => 9 + k));
    expect(frames[0].timestampMs).toBeCloseTo(900, 1);
    expect(frames.at(-1)!.timestampMs).toBeCloseTo(1666.67, 1);
    for (const frame of frames) expect(Math.abs(meanLevel(frame.rgb) - levelOfFrame(frame.index))).toBeLessThan(2.5);
  });
});

it('applies rotation: the top-left red block of the stored frame is shown bottom-left', async () => {
  const info = await probeVideo(fx.rotated);
  const [frame] = await collect(readFrames(info, { endFrame: 1 }));
  expect([frame.width, frame.height]).toEqual([90, 160]);
  const pixel = (x: number, y: number) => Array.from(frame.rgb.subarray((y * 90 + x) * 3, (y * 90 + x) * 3 + 3));
  const isRed = ([r, g, b]: number[]) => r > 180 && g < 70 && b < 70;
  expect(isRed(pixel(10, 150))).toBe(true);
  for (const [x, y] of [
    [10, 10],
    [80, 10],
    [80, 150],
  ])
    expect(Math.max(...pixel(x, y))).toBeLessThan(40);
});

describe('image sequences', () => {
  it('decode a folder in natural order with exact PNG pixels', async () => {
    const info = await probeVideo(fx.pngFolder);
    const frames = await collect(readFrames(info));
    expect(frames.map((frame) => frame.index)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // frame10.png holds level(9): a lexical order would put it second.
    frames.forEach((frame, index) => expect(meanLevel(frame.rgb)).toBe(levelOfFrame(index)));
    expect(frames[3].timestampMs).toBe(120);
  });

  it('decode a printf pattern with start, stride and scale, also from a VideoInfo sent through JSON', async () => {
    const info = await probeVideo(fx.jpegPattern);
    const clone = JSON.parse(JSON.stringify({ ...info, frameFiles: undefined })) as VideoInfo;
    const frames = await collect(readFrames(clone, { startFrame: 1, stride: 3, scale: { width: 48, height: 32 } }));
    expect(frames.map((frame) => [frame.index, frame.width, frame.height])).toEqual([
      [1, 48, 32],
      [4, 48, 32],
      [7, 48, 32],
    ]);
    for (const frame of frames) expect(Math.abs(meanLevel(frame.rgb) - levelOfFrame(frame.index))).toBeLessThan(2.5);
  });
});

describe('ffmpeg never outlives the consumer', () => {
  it('breaking out of the loop kills ffmpeg before the loop statement completes', async () => {
    let pid = 0;
    for await (const frame of readFrames(vp9)) {
      [pid] = liveToolPids();
      if (frame.index === 1) break;
    }
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid)).toBe(true);
  });

  it('an exception thrown by the consumer kills ffmpeg', async () => {
    let pid = 0;
    await expect(
      (async () => {
        for await (const _frame of readFrames(vp9)) {
          [pid] = liveToolPids();
          throw new Error('consumer failed');
        }
      })(),
    ).rejects.toThrow('consumer failed');
    expect(processGone(pid)).toBe(true);
  });

  it('aborting the signal kills ffmpeg and the loop ends with CANCELLED', async () => {
    const controller = new AbortController();
    let pid = 0;
    const error = await failure(
      (async function* () {
        for await (const frame of readFrames(vp9, { signal: controller.signal })) {
          [pid] = liveToolPids();
          if (frame.index === 2) controller.abort();
          yield frame;
        }
      })(),
    );
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe(`Reading ${vp9.path} was cancelled.`);
    expect(processGone(pid)).toBe(true);
  });

  it('an already-aborted signal starts no process', async () => {
    const before = liveToolPids().length;
    expect(await failure(readFrames(vp9, { signal: AbortSignal.abort() }))).toMatchObject({ code: 'CANCELLED' });
    expect(liveToolPids()).toHaveLength(before);
  });

  it('a file cut short after probing fails with how far decoding got, and ffmpeg is gone', async () => {
    const copy = path.join(fx.dir, 'shrinking.mp4');
    copyFileSync(VIDEOS.twoPeople, copy);
    const info = await probeVideo(copy);
    // An eighth is left: about 25 frames, enough to fail mid-stream, not too long to decode.
    truncateSync(copy, Math.floor(statSync(copy).size / 8));
    let pid = 0;
    const error = await failure(
      (async function* () {
        for await (const frame of readFrames(info)) {
          [pid] = liveToolPids();
          yield frame;
        }
      })(),
    );
    expect(['TRUNCATED', 'CORRUPT']).toContain(error.code);
    expect(error.message).toMatch(new RegExp(`${copy.replace(/[.]/g, '\\.')}.* after \\d+ of 230 frames`));
    expect(processGone(pid)).toBe(true);
  });

  it('rejects invalid ranges before starting ffmpeg', async () => {
    expect(await failure(readFrames(street, { startFrame: 2, endFrame: 9 }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `endFrame 9 must be an integer in 2..5 (${street.path} has 5 frames).`,
    });
  });
});
