/**
 * `posetrail batch` end to end with the real models: a folder with a sub-folder, a corrupt file,
 * a crash in the middle (kill -9 once the first video is done), and the re-run that resumes.
 * Fixtures are made from the shared street clip (5 frames): b.mp4 loops it to 60 frames so that
 * it is still running when the batch is killed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import type { BatchReport } from '../../../core/batch';

const env = { ...process.env, POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR };
let root: string;
let input: string;
let out: string;

function batchArgs(): string[] {
  return [
    path.join(REPO_ROOT, 'bin/posetrail.js'),
    'batch',
    input,
    '-o',
    out,
    '--recursive',
    '--detector',
    'yolox-nano-416',
    '--pose-model',
    'simplepose-nano',
    '--device',
    'cpu',
  ];
}

async function readReport(): Promise<BatchReport | null> {
  try {
    return JSON.parse(await readFile(path.join(out, 'batch-report.json'), 'utf8')) as BatchReport;
  } catch {
    return null;
  }
}

const statusOf = (report: BatchReport | null) =>
  Object.fromEntries((report?.files ?? []).map((f) => [f.relativePath, f.status]));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-batch-'));
  input = path.join(root, 'videos');
  out = path.join(root, 'results');
  await mkdir(path.join(input, 'sub'), { recursive: true });
  await copyFile(VIDEOS.street, path.join(input, 'a.mp4'));
  const looped = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-stream_loop',
    '11',
    '-i',
    VIDEOS.street,
    '-c',
    'copy',
    '-y',
    path.join(input, 'b.mp4'),
  ]);
  expect(looped.status).toBe(0);
  await writeFile(path.join(input, 'bad.mp4'), 'this is not a video\n');
  await copyFile(VIDEOS.street, path.join(input, 'sub', 'c.mp4'));
  await writeFile(path.join(input, 'notes.txt'), 'ignored');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('posetrail batch', () => {
  it('survives kill -9 after the first video and resumes without redoing it', async () => {
    // Run 1: killed as soon as the report shows a.mp4 done.
    const child = spawn(process.execPath, batchArgs(), { env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killedReport: BatchReport | null = null;
    for (let waitedMs = 0; waitedMs < 90_000 && !killedReport; waitedMs += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const report = await readReport();
      if (statusOf(report)['a.mp4'] === 'done') {
        child.kill('SIGKILL');
        killedReport = report;
      }
    }
    await exited;
    expect(killedReport).not.toBeNull();
    const afterKill = await readReport();
    expect(statusOf(afterKill)['a.mp4']).toBe('done');
    expect(statusOf(afterKill)['b.mp4']).toMatch(/pending|running/);
    expect(existsSync(path.join(out, 'b.posetrack.json'))).toBe(false);
    const firstOutput = await readFile(path.join(out, 'a.posetrack.json'), 'utf8');

    // Run 2: resumes; a.mp4 is skipped, the corrupt file fails, everything else completes.
    const rerun = spawnSync(process.execPath, batchArgs(), { env, encoding: 'utf8', timeout: 120_000 });
    expect(rerun.status).toBe(1);
    const report = (await readReport())!;
    expect(statusOf(report)).toEqual({ 'a.mp4': 'skipped', 'b.mp4': 'done', 'bad.mp4': 'failed', 'sub/c.mp4': 'done' });
    expect(report.counts).toMatchObject({ done: 2, skipped: 1, failed: 1, pending: 0, running: 0 });
    expect(report.finishedAt).toBeDefined();
    const bad = report.files.find((f) => f.relativePath === 'bad.mp4')!;
    expect(bad.error).toContain(path.join(input, 'bad.mp4'));
    expect(rerun.stderr).toContain(`posetrail: failed ${path.join(input, 'bad.mp4')}:`);
    expect(rerun.stdout).toContain('Batch finished: 2 done, 1 skipped (already complete), 1 failed.');
    // The skipped video's output is untouched; the others mirror the folder structure.
    expect(await readFile(path.join(out, 'a.posetrack.json'), 'utf8')).toBe(firstOutput);
    expect(JSON.parse(await readFile(path.join(out, 'b.posetrack.json'), 'utf8')).images).toHaveLength(60);
    expect(JSON.parse(await readFile(path.join(out, 'sub', 'c.posetrack.json'), 'utf8')).images).toHaveLength(5);
    const b = report.files.find((f) => f.relativePath === 'b.mp4')!;
    expect(b).toMatchObject({ frames: 60 });
    expect(b.wallMs).toBeGreaterThan(0);
  }, 240_000);

  it('redoes only what changed settings invalidate', async () => {
    // Same settings: nothing to do but the corrupt file, which is tried again.
    const same = spawnSync(process.execPath, batchArgs(), { env, encoding: 'utf8', timeout: 120_000 });
    expect(statusOf(await readReport())).toEqual({
      'a.mp4': 'skipped',
      'b.mp4': 'skipped',
      'bad.mp4': 'failed',
      'sub/c.mp4': 'skipped',
    });
    expect(same.status).toBe(1);
    // Another output format is another result: everything is redone.
    await rm(path.join(input, 'bad.mp4'));
    const csv = spawnSync(process.execPath, [...batchArgs(), '--format', 'csv', '--ext', 'mp4'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(csv.status).toBe(0);
    expect(statusOf(await readReport())).toEqual({ 'a.mp4': 'done', 'b.mp4': 'done', 'sub/c.mp4': 'done' });
    expect(existsSync(path.join(out, 'sub', 'c.poses.csv'))).toBe(true);
  }, 240_000);

  it('accepts only auto or off for --tiling', () => {
    const result = spawnSync(process.execPath, [...batchArgs(), '--tiling', '3x2'], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "option '--tiling <mode>' argument '3x2' is invalid. Allowed choices are auto, off.",
    );
  });

  it('names the folder when there are no videos', () => {
    const empty = path.join(root, 'results', 'sub');
    const result = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/posetrail.js'), 'batch', empty, '-o', path.join(root, 'o2')],
      { env, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`posetrail: No videos in ${empty} (looked for .mp4, .mov, .avi, .mkv, .webm).`);
  });
});
