/**
 * Words, not machine text: every error a person sees (the probe's messages, download failures,
 * system errors, and older messages read back from stored batch reports) goes through the same
 * mapping the app shows errors with, and none may keep a system error code, ffprobe's own wording
 * or a terminal command. Fed with real ffprobe stderr for an MP4 cut in half here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { probeVideo } from '../../../core/video';
import { resolveTool } from '../../../core/video/ffmpeg';
import { downloadToPartial } from '../../../core/models/download';
import { describeError, plainError, plainWords } from '../../../renderer/src/lib/plain-errors';
import { listManifests } from '../../../core/models/registry';
import { machineTextIn } from '../../helpers/machine-text';

let dir: string;
const shown = (error: unknown) => plainError((error as { code?: unknown }).code, (error as Error).message);
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-words-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('errors shown to people are words', () => {
  it('a truncated MP4: ffprobe says "moov atom not found", the message says what it means', async () => {
    const file = path.join(dir, 'half.mp4');
    const made = spawnSync(resolveTool('ffmpeg').path, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=96x64:rate=10',
      '-frames:v',
      '30',
      '-c:v',
      'mpeg4',
      '-y',
      file,
    ]);
    expect(made.status).toBe(0);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    const ffprobe = spawnSync(resolveTool('ffprobe').path, ['-v', 'warning', '-show_streams', '-i', file], {
      encoding: 'utf8',
    });
    expect(ffprobe.stderr).toMatch(/moov atom not found/);

    const error = await errorOf(probeVideo(file));
    expect((error as { code: string }).code).toBe('TRUNCATED');
    expect((error as { toolOutput?: string }).toolOutput).toMatch(/moov atom not found/);
    expect(shown(error)).toBe(
      `${file} is truncated or incomplete: the data its header describes is missing (an interrupted copy or recording?).`,
    );
    expect(machineTextIn(shown(error))).toEqual([]);
  });

  it('a text file named .mp4: ffprobe says "misdetection possible", the message does not', async () => {
    const file = path.join(dir, 'notes.mp4');
    await writeFile(file, 'not a video at all\n'.repeat(40));
    const error = await errorOf(probeVideo(file));
    expect(shown(error)).toBe(`${file} is not a video file ffmpeg recognises.`);
    expect(machineTextIn(shown(error))).toEqual([]);
  });

  it('system errors and a refused download lose their codes', async () => {
    const missing = await errorOf(readFile(path.join(dir, 'gone.json')));
    expect((missing as Error).message).toMatch(/ENOENT/);
    expect(shown(missing)).toBe(`${path.join(dir, 'gone.json')}: it does not exist.`);
    expect(shown({ code: 'EACCES', message: "EACCES: permission denied, open '/data/a.json'" })).toBe(
      '/data/a.json: permission denied.',
    );

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const refused = await errorOf(
      downloadToPartial(`http://127.0.0.1:${port}/m.onnx`, path.join(dir, 'm.part'), { label: 'yolox-nano' }),
    );
    expect(shown(refused)).toMatch(
      /^Cannot download yolox-nano from http:\/\/127\.0\.0\.1:\d+\/m\.onnx: the server refused the connection\./,
    );
    expect(machineTextIn(shown(refused))).toEqual([]);
  });

  it('any thrown value shown as an error reads in words: an Error, an error sent as data, a bare string', () => {
    const thrown: unknown[] = [
      Object.assign(new Error("ENOTDIR: not a directory, scandir '/v/a.mp4/x'"), { code: 'ENOTDIR' }),
      { code: 'internal', message: 'Cannot download yolox-nano (ENOTFOUND).' },
      '/v/half.mp4: moov atom not found',
      'getaddrinfo EAI_AGAIN github.com',
    ];
    const words = thrown.map(describeError);
    expect(words.flatMap(machineTextIn)).toEqual([]);
    expect(words[0]).toBe('/v/a.mp4/x: that is a file, not a folder.');
    expect(words[2]).toBe('/v/half.mp4: the file is incomplete: the index of its data is missing');
  });

  it('model descriptions shown in Settings carry no terminal command', () => {
    const shownDescriptions = listManifests().map((m) => plainWords(m.description));
    expect(shownDescriptions.flatMap(machineTextIn)).toEqual([]);
    expect(shownDescriptions.filter((d) => d.includes('`'))).toEqual([]);
    expect(plainWords(listManifests().find((m) => m.id === 'rtmdet-nano')!.description)).toMatch(
      /Not downloadable: import a copy under Settings → Models\.$/,
    );
  });

  it('older messages read back from stored reports are cleaned the same way', () => {
    const stored = [
      '/v/half.mp4 is truncated or incomplete: the data its header describes is missing (ffprobe: [mov] moov atom not found | Invalid data found when processing input).',
      '/v/text.mp4 is not a video file ffmpeg recognises (ffprobe: [mov] Format mov,mp4,m4a,3gp,3g2,mj2 detected only with low score of 1, misdetection possible! | Invalid data found when processing input).',
      'Cannot download yolox-nano from https://github.com/x/yolox_nano.onnx (ENOTFOUND). Check the network connection; offline, copy the file from a machine that has it and run `posetrail models import <file> --as yolox-nano`.',
      'Model hrnet-w32-coco-256x192 is not installed; run `posetrail models download hrnet-w32-coco-256x192` (needs internet).',
      'Cannot write /out/a.json: permission denied (EACCES).',
    ];
    const words = stored.map((message) => plainError(undefined, message));
    expect(words.flatMap(machineTextIn)).toEqual([]);
    expect(words[0]).toBe('/v/half.mp4 is truncated or incomplete: the data its header describes is missing.');
    expect(words[2]).toBe(
      'Cannot download yolox-nano from https://github.com/x/yolox_nano.onnx: the server name could not be looked up (is this machine offline?). Check the network connection; offline, copy the file from a machine that has it and import it under Settings → Models.',
    );
    expect(words[3]).toBe(
      'Model hrnet-w32-coco-256x192 is not installed; download it under Settings → Models (needs internet).',
    );
    expect(words[4]).toBe('Cannot write /out/a.json: permission denied.');
  });
});
