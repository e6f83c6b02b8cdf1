/**
 * The compiled CLI (build/build-cli.js → dist/cli/): it tracks the shared street clip like the
 * sources do, and its worker thread module starts and runs a job. Built into a folder of its own
 * inside the checkout (npm packages stay external and resolve from node_modules).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildCli } from '../../../build/build-cli.js';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

const env = { ...process.env, POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR };
let outdir: string;
let tmp: string;

beforeAll(async () => {
  outdir = path.join(REPO_ROOT, 'dist', `cli-test-${process.pid}`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'posetrail-compiled-cli-'));
  await buildCli({ outdir });
}, 60_000);

afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

describe('compiled CLI', () => {
  it('lists its sources and writes one module per entry', async () => {
    const { inputs } = JSON.parse(await readFile(path.join(outdir, 'inputs.json'), 'utf8')) as { inputs: string[] };
    expect(inputs).toContain('hosts/cli/main.ts');
    expect(inputs).toContain('core/service/tracking-worker.ts');
    expect(inputs.every((file) => !file.startsWith('node_modules/'))).toBe(true);
    expect(existsSync(path.join(outdir, 'main.mjs'))).toBe(true);
    expect(existsSync(path.join(outdir, 'tracking-worker.mjs'))).toBe(true);
  });

  it('tracks the street clip', async () => {
    const out = path.join(tmp, 'street.json');
    const script = `import(${JSON.stringify(pathToFileURL(path.join(outdir, 'main.mjs')).href)}).then(async (m) => { process.exitCode = await m.main(process.argv); })`;
    const args = [
      'track',
      VIDEOS.street,
      '--detector',
      'yolox-nano-416',
      '--pose-model',
      'simplepose-nano',
      '--device',
      'cpu',
      '--tiling',
      'off',
      '-o',
      out,
    ];
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'posetrail', ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toMatch(/5 frames/);
    expect(run.status).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8')) as { images: unknown[]; annotations: unknown[] };
    expect(written.images).toHaveLength(5);
    expect(written.annotations.length).toBeGreaterThan(5);
  }, 120_000);

  it('runs a tracking job in its worker thread', async () => {
    const worker = new Worker(new URL(pathToFileURL(path.join(outdir, 'tracking-worker.mjs')).href), { env });
    const settings = {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      device: 'cpu',
      detIntervalFrames: 1,
      minBoxScore: 0.3,
      minKeypointScore: 0.2,
      flipTest: false,
      detectorTiling: 'off',
    };
    const done = new Promise<{ type: string; value?: { summary: { frames: number } }; error?: { message: string } }>(
      (resolve) => {
        worker.on('message', (message: { type: string }) => {
          if (message.type === 'done' || message.type === 'error') resolve(message);
        });
      },
    );
    worker.postMessage({ type: 'start', job: { kind: 'track', videoPath: VIDEOS.street, settings } });
    const message = await done;
    await worker.terminate();
    expect(message.error?.message).toBeUndefined();
    expect(message.value?.summary.frames).toBe(5);
  }, 120_000);
});
