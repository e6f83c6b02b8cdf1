import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VIDEOS } from '../../helpers/assets';
import { ffmpeg } from './fixtures';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function posetrail(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/posetrail.js'), ...args],
      { cwd: REPO_ROOT },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
let frames: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-cli-probe-'));
  frames = path.join(dir, 'frames');
  mkdirSync(frames);
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=25', '-frames:v', '3', path.join(frames, '%03d.png'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('posetrail probe', () => {
  it('prints VideoInfo as JSON without the per-frame arrays unless asked', async () => {
    const [plain, withTimes] = await Promise.all([
      posetrail('probe', VIDEOS.twoPeople),
      posetrail('probe', VIDEOS.street, '--frame-times'),
    ]);
    expect(plain.code).toBe(0);
    const info = JSON.parse(plain.stdout);
    expect(info).toMatchObject({
      path: VIDEOS.twoPeople,
      kind: 'video',
      width: 1768,
      height: 994,
      fps: { num: 30, den: 1 },
      frameCount: 230,
      codec: 'vp9',
      rotationDeg: 0,
      variableFrameRate: false,
    });
    expect(info).not.toHaveProperty('frameTimesMs');
    expect(withTimes.code).toBe(0);
    expect(JSON.parse(withTimes.stdout).frameTimesMs.map(Math.round)).toEqual([0, 33, 67, 100, 133]);
  });

  it('takes --fps for image folders and lists files with --frame-files', async () => {
    const run = await posetrail('probe', frames, '--fps', '50', '--frame-files');
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout);
    expect(info).toMatchObject({ kind: 'image-sequence', frameCount: 3, fps: { num: 50, den: 1 }, durationMs: 60 });
    expect(info.frameFiles).toEqual(['001.png', '002.png', '003.png'].map((name) => path.join(frames, name)));
  });

  it('fails with one line for a missing file, a bad --fps and an unknown option', async () => {
    const missing = path.join(dir, 'nope.mp4');
    const [notFound, badFps, unknown] = await Promise.all([
      posetrail('probe', missing),
      posetrail('probe', frames, '--fps', 'fast'),
      posetrail('probe', VIDEOS.street, '--bogus'),
    ]);
    expect(notFound).toMatchObject({ code: 1, stdout: '', stderr: `posetrail: Video file not found: ${missing}\n` });
    expect(badFps.code).not.toBe(0);
    expect(badFps.stderr.trim().split('\n')[0]).toContain('Invalid --fps "fast"');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.split('\n')[0]).toBe("error: unknown option '--bogus'");
  });
});
