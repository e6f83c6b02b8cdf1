/**
 * `posetrail track` with no model flags when the default models are missing and cannot be fetched
 * (an empty model store, the shared models on POSETRAIL_MODEL_PATH, and a mirror on 127.0.0.1
 * that refuses connections, or --no-download): it says so before starting, names the installed
 * models it uses and the flags that choose them, and tracks. With no installed pose model it fails
 * naming what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { forgetReachability } from '../../../core/models/reachability';

let dir: string;
const saved = { ...process.env };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-offline-'));
  process.env.POSETRAIL_MODELS_DIR = path.join(dir, 'empty-store');
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  process.env.POSETRAIL_MODEL_MIRROR = `http://127.0.0.1:${await closedPort()}/models/`;
});

afterAll(async () => {
  for (const key of ['POSETRAIL_MODELS_DIR', 'POSETRAIL_MODEL_PATH', 'POSETRAIL_MODEL_MIRROR']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await rm(dir, { recursive: true, force: true });
});

const lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('posetrail:'));

describe('posetrail track offline with the default models missing', () => {
  it('uses the installed models, saying which and the flags, before starting', async () => {
    forgetReachability();
    const out = path.join(dir, 'offline.json');
    const startedMs = performance.now();
    const run = await runCli('track', VIDEOS.street, '-o', out, '--frames', '0:2', '--device', 'cpu');
    expect(run.code).toBe(0);
    expect(lines(run.stderr)[0]).toBe(
      'posetrail: The default detector yolox-nano and pose model rtmpose-m-coco-256x192 are not installed and cannot be downloaded (the download server cannot be reached; this machine seems to be offline): using the installed detector yolox-nano-416 and pose model simplepose-nano instead (pass --detector yolox-nano-416 --pose-model simplepose-nano to choose them).',
    );
    expect(run.stderr).not.toMatch(/ECONNREFUSED|ENOTFOUND|Downloading/);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.posetrail.models).toMatchObject({ detector: 'yolox-nano-416', pose: 'simplepose-nano' });
    expect(performance.now() - startedMs).toBeLessThan(60_000);
  }, 120_000);

  it('does the same with --no-download, without asking the network', async () => {
    const run = await runCli(
      'track',
      VIDEOS.street,
      '-o',
      path.join(dir, 'nodl.json'),
      '--frames',
      '0:1',
      '--device',
      'cpu',
      '--no-download',
      '--detector',
      'yolox-nano-416',
    );
    expect(run.code).toBe(0);
    expect(lines(run.stderr)[0]).toBe(
      'posetrail: The default pose model rtmpose-m-coco-256x192 is not installed and cannot be downloaded (--no-download was given): using the installed pose model simplepose-nano instead (pass --detector yolox-nano-416 --pose-model simplepose-nano to choose them).',
    );
  }, 120_000);

  it('fails naming the missing model when nothing installed can do its job', async () => {
    process.env.POSETRAIL_MODEL_PATH = path.join(dir, 'nothing-here');
    try {
      const run = await runCli(
        'track',
        VIDEOS.street,
        '-o',
        path.join(dir, 'none.json'),
        '--device',
        'cpu',
        '--no-download',
      );
      expect(run.code).toBe(1);
      expect(lines(run.stderr)).toEqual([
        'posetrail: The default detector yolox-nano is not installed and cannot be downloaded (--no-download was given), and no installed detector can do its job: import one with `posetrail models import <file> --as <id>` or set POSETRAIL_MODEL_PATH to a folder that holds one.',
      ]);
    } finally {
      process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
    }
  });
});
