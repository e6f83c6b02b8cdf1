/**
 * Models fetched on first use: `posetrail track` with an empty model store downloads the detector
 * it needs before tracking, from POSETRAIL_MODEL_MIRROR (a local server standing in for a lab's
 * mirror). The mirror serves the shared YOLOX-nano 416 export under the name of yolox-tiny's file:
 * same inputs and outputs, other weights. yolox-tiny's manifest pins the published file's
 * SHA-256, so the substitute is refused before anything is tracked with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

let dir: string;
let server: Server;
let mirrorUrl: string;
const requested: string[] = [];

/** Runs the CLI as a child without blocking this process, which serves the mirror. */
function posetrail(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/posetrail.js'), ...args],
      { env, encoding: 'utf8', timeout: 120_000 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-first-use-'));
  const body = await readFile(path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx'));
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url !== '/mirror/yolox_tiny.onnx') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('posetrail track with a model that is not installed', () => {
  const args = (out: string, ...extra: string[]) => [
    'track',
    VIDEOS.street,
    '--detector',
    'yolox-tiny',
    '--pose-model',
    'simplepose-nano',
    '--device',
    'cpu',
    '--frames',
    '0:2',
    '-o',
    out,
    ...extra,
  ];

  it('downloads it from the mirror before tracking, and refuses a file that is not the published one', async () => {
    const env = {
      ...process.env,
      POSETRAIL_MODELS_DIR: path.join(dir, 'store'),
      POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR,
      POSETRAIL_MODEL_MIRROR: mirrorUrl,
    };
    const first = await posetrail(args(path.join(dir, 'first.json')), env);
    expect(first.stderr).toContain(
      'posetrail: model yolox-tiny is not installed yet: downloading it into the model store (first use).',
    );
    expect(first.stderr).toMatch(
      /The download of yolox-tiny from http:\/\/127\.0\.0\.1:\d+\/mirror\/yolox_tiny\.onnx is corrupt \(SHA-256 is 695e750a\w+, expected 427cc366\w+\); it was deleted/,
    );
    expect(first.code).toBe(1);
    expect(requested).toEqual(['/mirror/yolox_tiny.onnx']);
    expect(existsSync(path.join(dir, 'store', 'yolox_tiny.onnx'))).toBe(false);
    expect(existsSync(path.join(dir, 'first.json'))).toBe(false);
  }, 180_000);

  it('with --no-download fails naming the model and how to install it, touching no network', async () => {
    const env = {
      ...process.env,
      POSETRAIL_MODELS_DIR: path.join(dir, 'empty-store'),
      POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR,
      POSETRAIL_MODEL_MIRROR: mirrorUrl,
    };
    const before = requested.length;
    const result = await posetrail(args(path.join(dir, 'never.json'), '--no-download'), env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('posetrail: Model yolox-tiny is not installed');
    expect(result.stderr).toContain('run `posetrail models download yolox-tiny`');
    expect(requested).toHaveLength(before);
    expect(existsSync(path.join(dir, 'never.json'))).toBe(false);
  }, 60_000);
});
