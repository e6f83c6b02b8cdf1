import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  liveToolPids,
  resolveTool,
  runTool,
  spawnTool,
  stderrSummary,
  withInputProtocolWhitelist,
} from '../../../core/video/ffmpeg';
import { VideoError } from '../../../core/video/errors';

let root: string;
let withBoth: string;
let probeOnly: string;
let empty: string;

function fakeBinary(dir: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return file;
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'posetrail-ffmpeg-'));
  withBoth = path.join(root, 'both');
  probeOnly = path.join(root, 'probe-only');
  empty = path.join(root, 'empty');
  for (const dir of [withBoth, probeOnly, empty]) mkdirSync(dir);
  fakeBinary(withBoth, 'ffmpeg');
  fakeBinary(withBoth, 'ffprobe');
  fakeBinary(probeOnly, 'ffprobe');
  writeFileSync(path.join(empty, 'ffmpeg'), 'not executable', { mode: 0o644 });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveTool', () => {
  it('uses POSETRAIL_FFMPEG / POSETRAIL_FFPROBE first', () => {
    const env = {
      PATH: probeOnly,
      POSETRAIL_FFMPEG: path.join(withBoth, 'ffmpeg'),
      POSETRAIL_FFPROBE: path.join(withBoth, 'ffprobe'),
    };
    expect(resolveTool('ffmpeg', env)).toEqual({ path: path.join(withBoth, 'ffmpeg'), source: 'env' });
    expect(resolveTool('ffprobe', env)).toEqual({ path: path.join(withBoth, 'ffprobe'), source: 'env' });
  });

  it('fails clearly when the variable points nowhere', () => {
    const missing = path.join(root, 'nope', 'ffmpeg');
    expect(() => resolveTool('ffmpeg', { PATH: withBoth, POSETRAIL_FFMPEG: missing })).toThrow(
      `POSETRAIL_FFMPEG is set to ${missing}, but no executable file is there.`,
    );
  });

  it('finds ffprobe beside the resolved ffmpeg before an earlier ffprobe on PATH', () => {
    const env = { PATH: [probeOnly, withBoth].join(path.delimiter) };
    expect(resolveTool('ffmpeg', env)).toEqual({ path: path.join(withBoth, 'ffmpeg'), source: 'PATH' });
    expect(resolveTool('ffprobe', env)).toEqual({ path: path.join(withBoth, 'ffprobe'), source: 'beside-ffmpeg' });
  });

  it('falls back to PATH for ffprobe and skips files that are not executable', () => {
    const env = { PATH: [empty, probeOnly].join(path.delimiter) };
    expect(resolveTool('ffprobe', env)).toEqual({ path: path.join(probeOnly, 'ffprobe'), source: 'PATH' });
  });

  it('says how to install ffmpeg when there is none', () => {
    const error = (() => {
      try {
        resolveTool('ffmpeg', { PATH: empty });
      } catch (caught) {
        return caught as VideoError;
      }
    })();
    expect(error?.code).toBe('FFMPEG_MISSING');
    expect(error?.message).toMatch(
      /^ffmpeg was not found \(looked at POSETRAIL_FFMPEG, ffmpeg-static and PATH\)\. Install ffmpeg \(Debian\/Ubuntu: sudo apt-get install ffmpeg/,
    );
  });
});

it('stderrSummary keeps the last meaningful lines without context addresses', () => {
  const stderr =
    'frame=  10 fps=0.0\n[vp9 @ 0x55d1c0a0] Corrupt frame\n\nPress [q] to stop\n[in#0 @ 0xabc] Error while decoding\n';
  expect(stderrSummary(stderr)).toBe('[vp9] Corrupt frame | [in#0] Error while decoding');
  expect(stderrSummary('a\nb\nc\nd', 2)).toBe('c | d');
});

it('stderrSummary shortens demuxer alias lists and drops the path ffmpeg repeats', () => {
  const stderr =
    '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x5581] moov atom not found\n/videos/a b.mp4: Invalid data found when processing input\n';
  expect(stderrSummary(stderr, 3, '/videos/a b.mp4')).toBe(
    '[mov] moov atom not found | Invalid data found when processing input',
  );
  expect(stderrSummary(stderr)).toBe(
    '[mov] moov atom not found | /videos/a b.mp4: Invalid data found when processing input',
  );
});

describe('process lifetime', () => {
  const endless = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=64x48:rate=1000',
    '-f',
    'null',
    '-',
  ];

  it('runTool collects output and the exit code', async () => {
    const result = await runTool('ffprobe', ['-version'], { subject: 'ffprobe' });
    expect(result.code).toBe(0);
    expect(result.stdout.toString()).toMatch(/^ffprobe version/);
  });

  it('an AbortSignal kills a running tool and the process is gone when the call rejects', async () => {
    const controller = new AbortController();
    const running = runTool('ffmpeg', endless, { subject: 'lavfi', signal: controller.signal });
    const [pid] = liveToolPids();
    expect(pid).toBeGreaterThan(0);
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(liveToolPids()).not.toContain(pid);
  });

  it('stop() kills and reaps; an already-aborted signal starts nothing', async () => {
    const proc = spawnTool('ffmpeg', endless, { subject: 'lavfi' });
    expect(liveToolPids()).toContain(proc.pid);
    const exit = await proc.stop();
    expect(exit.signal).toBe('SIGKILL');
    expect(existsSync(`/proc/${proc.pid}`)).toBe(false);
    expect(() => spawnTool('ffmpeg', endless, { subject: 'x.mp4', signal: AbortSignal.abort() })).toThrow(
      'Reading x.mp4 was cancelled.',
    );
  });
});

describe('withInputProtocolWhitelist', () => {
  it('puts file,pipe before every input that has no whitelist, and leaves one that has', () => {
    expect(withInputProtocolWhitelist(['-v', 'error', '-i', 'a.mp4', '-i', 'pipe:0'])).toEqual([
      '-v',
      'error',
      '-protocol_whitelist',
      'file,pipe',
      '-i',
      'a.mp4',
      '-protocol_whitelist',
      'file,pipe',
      '-i',
      'pipe:0',
    ]);
    expect(withInputProtocolWhitelist(['-protocol_whitelist', 'file', '-i', 'a.mp4'])).toEqual([
      '-protocol_whitelist',
      'file',
      '-i',
      'a.mp4',
    ]);
  });
});
