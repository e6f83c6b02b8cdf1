import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameIndexAtMs, frameTimeMs, probeVideo, type VideoError } from '../../../core/video';
import { VIDEOS } from '../../helpers/assets';
import { makeFixtures, VFR_FRAME_COUNT, vfrTimeMs, type Fixtures } from './fixtures';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.cleanup());

async function probeError(input: string, options?: Parameters<typeof probeVideo>[1]): Promise<VideoError> {
  try {
    await probeVideo(input, options);
  } catch (error) {
    return error as VideoError;
  }
  throw new Error(`probeVideo(${input}) did not fail`);
}

describe('probeVideo on the shared videos', () => {
  it('describes the VP9 clip exactly', async () => {
    const info = await probeVideo(VIDEOS.twoPeople);
    expect(info).toMatchObject({
      path: VIDEOS.twoPeople,
      kind: 'video',
      width: 1768,
      height: 994,
      fps: { num: 30, den: 1 },
      frameCount: 230,
      codec: 'vp9',
      pixelFormat: 'yuv420p',
      rotationDeg: 0,
      variableFrameRate: false,
    });
    expect(info.durationMs).toBeCloseTo(7666.667, 2);
    expect(info.frameTimesMs).toHaveLength(230);
    expect(info.frameTimesMs[229]).toBeCloseTo(7633.333, 2);
    expect(info.frameFiles).toBeUndefined();
  });

  it('describes the MPEG-4 clip exactly, and its Matroska copy (no frame count stored) alike', async () => {
    const mp4 = await probeVideo(VIDEOS.street);
    expect(mp4).toMatchObject({
      width: 1280,
      height: 720,
      fps: { num: 30, den: 1 },
      frameCount: 5,
      codec: 'mpeg4',
      variableFrameRate: false,
    });
    expect(mp4.durationMs).toBeCloseTo(166.667, 2);
    const mkv = await probeVideo(fx.streetMkv);
    expect(mkv).toMatchObject({ width: 1280, height: 720, frameCount: 5, codec: 'mpeg4' });
  });
});

describe('variable frame rate', () => {
  it('keeps every frame time exactly, and index ↔ time round-trips', async () => {
    const info = await probeVideo(fx.vfr);
    expect(info.frameCount).toBe(VFR_FRAME_COUNT);
    expect(info.variableFrameRate).toBe(true);
    info.frameTimesMs.forEach((time, index) => expect(Math.abs(time - vfrTimeMs(index))).toBeLessThan(0.01));
    for (let index = 0; index < info.frameCount; index++)
      expect(frameIndexAtMs(info, frameTimeMs(info, index))).toBe(index);
    // Half-way into the 15 fps section (frames 66.7 ms apart) is still the earlier frame.
    expect(frameIndexAtMs(info, vfrTimeMs(31) + 60)).toBe(31);
  });

  it('reads the same times from MPEG-TS, whose clock starts at 1.6 s', async () => {
    const info = await probeVideo(fx.vfrTs);
    expect(info.frameCount).toBe(VFR_FRAME_COUNT);
    info.frameTimesMs.forEach((time, index) => expect(Math.abs(time - vfrTimeMs(index))).toBeLessThan(0.02));
  });
});

it('honours rotation metadata: width and height are the displayed ones', async () => {
  expect(await probeVideo(fx.unrotated)).toMatchObject({ width: 160, height: 90, rotationDeg: 0 });
  expect(await probeVideo(fx.rotated)).toMatchObject({ width: 90, height: 160, rotationDeg: 270 });
});

describe('image sequences', () => {
  it('lists a folder in natural order (2 before 10), skipping non-images, at 25 fps by default', async () => {
    const info = await probeVideo(fx.pngFolder);
    expect(info).toMatchObject({
      kind: 'image-sequence',
      path: fx.pngFolder,
      width: 96,
      height: 64,
      frameCount: 12,
      fps: { num: 25, den: 1 },
      codec: 'png',
      variableFrameRate: false,
    });
    expect(info.frameFiles!.map((file) => path.basename(file))).toEqual(
      Array.from({ length: 12 }, (_, i) => `frame${i + 1}.png`),
    );
    expect(info.durationMs).toBe(480);
    expect(info.frameTimesMs[11]).toBe(440);
  });

  it('takes a printf pattern with a given fps, matching only names the pattern prints', async () => {
    const info = await probeVideo(fx.jpegPattern, { fps: 29.97 });
    expect(info).toMatchObject({ kind: 'image-sequence', frameCount: 8, codec: 'mjpeg', fps: { num: 2997, den: 100 } });
    expect(info.frameFiles!.map((file) => path.basename(file))).toEqual(
      Array.from({ length: 8 }, (_, i) => `00000${i}.jpg`),
    );
    expect(info.frameTimesMs[1]).toBeCloseTo(1000 / 29.97, 9);
  });

  it('treats a single image as a one-frame sequence', async () => {
    const file = path.join(fx.pngFolder, 'frame3.png');
    expect(await probeVideo(file)).toMatchObject({
      kind: 'image-sequence',
      frameCount: 1,
      frameFiles: [file],
      width: 96,
      height: 64,
    });
  });

  it('fails clearly for a pattern that matches nothing and a folder with no frames', async () => {
    const pattern = path.join(fx.dir, 'png-frames', 'img_%04d.png');
    expect(await probeError(pattern)).toMatchObject({
      code: 'NO_FRAMES',
      message: `No files match the frame pattern ${pattern}.`,
    });
    const folder = await probeError(fx.emptyFolder);
    expect(folder.code).toBe('IS_DIRECTORY');
    expect(folder.message).toContain(`${fx.emptyFolder} is a folder with no JPEG or PNG frames`);
  });
});

describe('bad input gets a specific error naming the file', () => {
  const cases: Array<[keyof Fixtures['bad'], string, RegExp]> = [
    ['missing', 'NOT_FOUND', /^Video file not found: /],
    ['empty', 'EMPTY_FILE', /is empty \(0 bytes\)/],
    ['text', 'NOT_A_VIDEO', /is not a video file ffmpeg recognises/],
    ['truncatedVp9', 'TRUNCATED', /is truncated or damaged: its header lists 230 frames, \d+ could be read/],
    ['truncatedMpeg4', 'TRUNCATED', /is truncated or incomplete: the data its header describes is missing/],
    ['audioOnly', 'NO_VIDEO_STREAM', /contains no video stream \(it has only audio streams\)/],
    ['unknownCodec', 'UNSUPPORTED_CODEC', /its video stream uses an unknown codec, which this ffmpeg cannot decode/],
  ];
  it.each(cases)('%s → %s', async (name, code, message) => {
    const file = fx.bad[name];
    const error = await probeError(file);
    expect(error.code).toBe(code);
    expect(error.path).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(message);
  });

  it('rejects a bad fps and a cancelled signal before running ffprobe', async () => {
    expect(await probeError(fx.pngFolder, { fps: 0 })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await probeError(VIDEOS.street, { signal: AbortSignal.abort() })).toMatchObject({
      code: 'CANCELLED',
      message: `Reading ${VIDEOS.street} was cancelled.`,
    });
  });
});
