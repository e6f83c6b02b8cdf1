/**
 * What `posetrail track` prints on stderr is ours: no GPU library noise (`XDG_RUNTIME_DIR is
 * invalid`, Vulkan/Dawn adapter lines) and one line about the GPU per run, not one per model. A
 * child process, as a user runs it, with `--device auto` and both models named (the case that
 * used to try every GPU provider per model in the CLI's own process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-quiet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('posetrail track on stderr', () => {
  it('prints no native library noise and at most one GPU line', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR,
      POSETRAIL_MODELS_DIR: path.join(dir, 'store'),
    };
    delete env.XDG_RUNTIME_DIR;
    const args = [
      'track',
      VIDEOS.street,
      '-o',
      path.join(dir, 'out.json'),
      '--frames',
      '0:2',
      '--detector',
      'yolox-nano-416',
      '--pose-model',
      'simplepose-nano',
      '--device',
      'auto',
    ];
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.trim() && !/^tracking: /.test(l));
    expect(
      lines.filter((l) => /XDG_RUNTIME_DIR|Vulkan|Dawn|dawn|BackendType|While initializing|^\s+at /.test(l)),
    ).toEqual([]);
    expect(lines.every((l) => l.startsWith('posetrail: '))).toBe(true);
    expect(lines.filter((l) => /GPU|CPU|webgpu|cuda/i.test(l)).length).toBeLessThanOrEqual(1);
  }, 150_000);
});
