/**
 * `posetrail track` as a user runs it: a child process on the shared street clip (5 frames), with
 * the real models. Outputs go to a temp folder that holds a copy of the clip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

const MODELS = ['--detector', 'yolox-nano-416', '--pose-model', 'simplepose-nano', '--device', 'cpu'];
const env = { ...process.env, POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR };
let dir: string;
let video: string;

function posetrail(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function frameCount(file: string): number {
  const out = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_frames,codec_name',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  const [codec, frames] = out.stdout.trim().split(',');
  expect(codec).toBe('h264');
  return Number(frames);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-track-cli-'));
  video = path.join(dir, 'street.mp4');
  await copyFile(VIDEOS.street, video);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('posetrail track', () => {
  it('writes <stem>.posetrack.json beside the input, an overlay video, and a summary line', async () => {
    const draw = path.join(dir, 'overlay.mp4');
    const { code, stdout, stderr } = posetrail(['track', video, ...MODELS, '--draw', draw]);
    expect(stderr).not.toContain('posetrail: ');
    expect(code).toBe(0);
    const output = path.join(dir, 'street.posetrack.json');
    expect(stdout).toMatch(
      new RegExp(
        `^Wrote ${output.replace(/[.]/g, '\\.')}: 5 frames, \\d+ poses, \\d+ tracks in [\\d.]+ s \\([\\d.]+ fps on cpu\\)\\.$`,
        'm',
      ),
    );
    const file = JSON.parse(await readFile(output, 'utf8'));
    expect(file.images).toHaveLength(5);
    // A street with several people: every frame has some.
    expect(new Set(file.annotations.map((a: { image_id: number }) => a.image_id)).size).toBe(5);
    // Not a terminal here: plain progress lines instead of a bar.
    expect(stderr).toMatch(/^tracking: 5\/5 frames \(100%\)/m);
    expect(frameCount(draw)).toBe(5);
    expect(stdout).toContain(`Wrote ${draw}: overlay video, 5 frames.`);
  });

  it('picks CSV from the output name and honours --frames', async () => {
    const output = path.join(dir, 'part.csv');
    const { code } = posetrail(['track', video, ...MODELS, '-o', output, '--frames', '1:3']);
    expect(code).toBe(0);
    const lines = (await readFile(output, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['1', '2']));
  });

  it("takes the span as times with --from and --to, through the clip's timestamps", async () => {
    // Frames at 0, 33.3, 66.7, 100, 133.3 ms: 0.05 s shows frame 1, and frame 4 is the first at or after 0.12 s.
    const output = path.join(dir, 'timed.csv');
    const { code } = posetrail(['track', video, ...MODELS, '-o', output, '--from', '0.05', '--to', '0.12']);
    expect(code).toBe(0);
    const lines = (await readFile(output, 'utf8')).trim().split('\n');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['1', '2', '3']));
    const both = posetrail(['track', video, ...MODELS, '--frames', '1:3', '--from', '0.05']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('Give --frames or --from/--to, not both.');
    const late = posetrail(['track', video, ...MODELS, '--from', '0:10', '-o', path.join(dir, 'late.json')]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`Start time 10 s is past the end of ${video} (0.167 s long).`);
    expect(existsSync(path.join(dir, 'late.json'))).toBe(false);
  });

  it('fails with one line naming the missing input, and writes nothing', async () => {
    const missing = path.join(dir, 'nope.mp4');
    const { code, stderr } = posetrail(['track', missing, ...MODELS]);
    expect(code).toBe(1);
    expect(
      stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('posetrail:')),
    ).toHaveLength(1);
    expect(stderr).toContain(missing);
    expect(existsSync(path.join(dir, 'nope.posetrack.json'))).toBe(false);
  });

  it('rejects bad arguments with one line and before loading anything', () => {
    const range = posetrail(['track', video, '--frames', '9:3']);
    expect(range.code).toBe(1);
    expect(range.stderr).toContain('--frames 9:3: the end frame must be after the start frame.');
    const txt = posetrail(['track', video, '-o', path.join(dir, 'x.txt')]);
    expect(txt.code).toBe(1);
    expect(txt.stderr).toContain('Cannot tell the export format from');
  });

  it('cancels on Ctrl-C with exit code 130 and no output file', async () => {
    const output = path.join(dir, 'cancelled.posetrack.json');
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/posetrail.js'), 'track', VIDEOS.twoPeople, ...MODELS, '-o', output],
      { env },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // The first progress line means the models are loaded and frames are flowing.
      if (/tracking: \d+\/230/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toContain('posetrail: Cancelled; no output written.');
    expect(code).toBe(130);
    expect((await readdir(dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
  });
});
