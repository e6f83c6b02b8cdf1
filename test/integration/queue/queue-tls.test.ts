/**
 * A queue behind TLS and a password, as `rediss://:password@host:port`: a real redis-server with a
 * TLS port only and requirepass, its certificate made by openssl for 127.0.0.1 and trusted through
 * NODE_EXTRA_CA_CERTS (how a lab's own CA is trusted). One tiny video goes through a worker that
 * sees the shared folder under another path (--path-map).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VIDEOS } from '../../helpers/assets';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import {
  CLI,
  cliEnv,
  makeClip,
  runQueueBatch,
  startWorker,
  stopWorkers,
  waitFor,
  type WorkerProcess,
} from './queue-workers';

const PASSWORD = 'lab p@ss';
let root: string;
let redis: RedisServer;
let caFile: string;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-queue-tls-'));
  caFile = path.join(root, 'cert.pem');
  const keyFile = path.join(root, 'key.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  expect(made.status, made.stderr).toBe(0);
  redis = await startRedisServer({ password: PASSWORD, tls: { certFile: caFile, keyFile } });
});

afterAll(async () => {
  if (worker) await stopWorkers([worker]);
  await redis?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

const status = (url: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [CLI, 'batch', '--queue', url, '--status', '0123456789ab'], { env, encoding: 'utf8' });

describe('a queue on rediss:// with a password', () => {
  it('connects with the right password and a trusted certificate, and says what is wrong otherwise', () => {
    expect(redis.url).toMatch(/^rediss:\/\/:lab%20p%40ss@127\.0\.0\.1:\d+$/);
    const trusted = { ...cliEnv(), NODE_EXTRA_CA_CERTS: caFile };
    // Connected and authenticated: only the batch is unknown.
    expect(status(redis.url, trusted).stderr).toContain('posetrail: No batch 0123456789ab in this queue');

    const wrong = status(redis.url.replace('lab%20p%40ss', 'nope'), trusted);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Cannot reach the queue at rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(WRONGPASS/);
    expect(wrong.stderr).not.toContain('nope');

    const untrusted = status(redis.url, cliEnv());
    expect(untrusted.stderr).toMatch(
      /Cannot reach the queue at rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(self[- ]signed certificate/,
    );
  });

  it('runs a batch through a worker over TLS, the worker seeing the folder elsewhere', async () => {
    const input = path.join(root, 'in');
    await mkdir(input);
    makeClip(VIDEOS.street, path.join(input, 'clip.mp4'), { width: 400 });
    // The worker's mount of the same files.
    const mount = `${root}-mount`;
    await symlink(root, mount);
    process.env.NODE_EXTRA_CA_CERTS = caFile;
    try {
      worker = startWorker(redis.url, 10_000, ['--path-map', `${root}=${mount}`]);
      await waitFor('the worker to connect', () => worker!.log().includes('connected to rediss://:***@127.0.0.1'));
      const run = await runQueueBatch(input, path.join(root, 'out'), redis.url);
      expect(run.stderr).not.toMatch(/warning|error|failed/i);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Batch finished: 1 done, 0 skipped (already complete), 0 failed.');
      expect(worker.count('done', path.join(mount, 'in', 'clip.mp4'))).toBe(1);
      expect(worker.log()).toContain(`→ ${path.join(mount, 'out', 'clip.posetrack.json')}`);
      expect(existsSync(path.join(root, 'out', 'clip.posetrack.json'))).toBe(true);
    } finally {
      delete process.env.NODE_EXTRA_CA_CERTS;
      await rm(mount, { force: true });
    }
  });
});
