/**
 * `posetrail batch --queue` and `posetrail worker` against a real redis-server (started on a free
 * loopback port by test/helpers/redis-server.ts, append-only file on): two workers sharing a
 * folder with a corrupt video, a worker killed with kill -9 in the middle of a job, Redis restarted
 * in the middle of a batch, and re-runs that must enqueue nothing. Clips are small scaled copies
 * of the shared ones; the nano models run with --tiling off and one thread per worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { VIDEOS } from '../../helpers/assets';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import type { BatchReport } from '../../../core/batch';
import { QUEUE_NAME, runQueueBatch as runAppQueueBatch } from '../../../core/queue';
import type { BatchFileState } from '../../../core/api/pose-api';
import { SHARED_MODELS_DIR } from '../../helpers/assets';
import {
  CLI,
  cliEnv,
  MODEL_ARGS,
  makeClip,
  runQueueBatch,
  startWorker,
  stopWorkers,
  waitFor,
  type WorkerProcess,
} from './queue-workers';

let redis: RedisServer;
let root: string;
const workers: WorkerProcess[] = [];

const readReport = async (out: string) =>
  JSON.parse(await readFile(path.join(out, 'batch-report.json'), 'utf8')) as BatchReport;
const statusOf = (report: BatchReport) => Object.fromEntries(report.files.map((f) => [f.relativePath, f.status]));
const framesIn = async (file: string) =>
  (JSON.parse(await readFile(file, 'utf8')) as { images: unknown[] }).images.length;
const keys = (value: object) => Object.keys(value).sort();
/** A folder's names, the batch's mark (which workers require before writing there) with its id left out. */
const listing = async (dir: string) =>
  (await readdir(dir)).map((name) => (name.startsWith('.posetrail-batch-') ? '.posetrail-batch-<id>' : name)).sort();

beforeAll(async () => {
  redis = await startRedisServer();
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-queue-'));
});

afterAll(async () => {
  await stopWorkers(workers);
  await redis?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A folder `<name>` under the test root holding long.mp4 (the street clip looped to 60 frames), and its output folder. */
async function longClipFolder(name: string): Promise<{ input: string; out: string; video: string }> {
  const input = path.join(root, name);
  await mkdir(input);
  const video = path.join(input, 'long.mp4');
  makeClip(VIDEOS.street, video, { width: 480, loops: 11 });
  return { input, out: path.join(root, `${name}-out`), video };
}

describe('posetrail batch --queue with posetrail workers', () => {
  it('tracks four good videos exactly once over two workers and reports the corrupt one with the decoder error', async () => {
    const input = path.join(root, 'five');
    const out = path.join(root, 'five-out');
    await mkdir(path.join(input, 'sub'), { recursive: true });
    makeClip(VIDEOS.street, path.join(input, 'a.mp4'), { width: 480, loops: 1 });
    makeClip(VIDEOS.street, path.join(input, 'b.mp4'), { width: 400 });
    makeClip(VIDEOS.twoPeople, path.join(input, 'c.mp4'), { width: 442, frames: 12 });
    makeClip(VIDEOS.street, path.join(input, 'sub', 'd.mp4'), { width: 480 });
    await writeFile(path.join(input, 'broken.mp4'), 'not a video at all\n');
    const pair = [startWorker(redis.url, 5_000), startWorker(redis.url, 5_000)];
    workers.push(...pair);
    await waitFor('both workers to connect', () => pair.every((w) => w.log().includes('connected to')));

    const run = await runQueueBatch(input, out, redis.url);
    expect(run.code).toBe(1);
    const report = await readReport(out);
    expect(statusOf(report)).toEqual({
      'a.mp4': 'done',
      'b.mp4': 'done',
      'broken.mp4': 'failed',
      'c.mp4': 'done',
      'sub/d.mp4': 'done',
    });
    expect(report.counts).toMatchObject({ done: 4, failed: 1, pending: 0, running: 0 });
    const broken = report.files.find((f) => f.relativePath === 'broken.mp4')!;
    expect(broken.error).toContain(`${path.join(input, 'broken.mp4')} is not a video file ffmpeg recognises`);
    expect(run.stderr).toContain(`posetrail: failed ${path.join(input, 'broken.mp4')}: ${broken.error}`);
    expect(run.stdout).toContain('Batch finished: 4 done, 0 skipped (already complete), 1 failed.');
    // Three attempts for the corrupt file, one start and one finish per good video over both workers.
    const all = (word: 'started' | 'done', file: string) =>
      pair.reduce((n, w) => n + w.count(word, path.join(input, file)), 0);
    expect(all('started', 'broken.mp4')).toBe(3);
    for (const file of ['a.mp4', 'b.mp4', 'c.mp4', 'sub/d.mp4']) {
      expect(all('started', file), file).toBe(1);
      expect(all('done', file), file).toBe(1);
    }
    expect(pair.every((w) => w.log().includes(' started '))).toBe(true);
    expect(await framesIn(path.join(out, 'a.posetrack.json'))).toBe(10);
    expect(await framesIn(path.join(out, 'c.posetrack.json'))).toBe(12);
    expect(await framesIn(path.join(out, 'sub', 'd.posetrack.json'))).toBe(5);
    expect(report.files.find((f) => f.relativePath === 'a.mp4')).toMatchObject({ frames: 10 });

    // The same layout as the local batch's report on the same kind of folder.
    const local = path.join(root, 'local');
    await mkdir(local);
    makeClip(VIDEOS.street, path.join(local, 'a.mp4'), { width: 400 });
    await writeFile(path.join(local, 'broken.mp4'), 'not a video at all\n');
    const localRun = spawnSync(
      process.execPath,
      [CLI, 'batch', local, '-o', path.join(root, 'local-out'), ...MODEL_ARGS],
      { env: cliEnv(), encoding: 'utf8' },
    );
    expect(localRun.status).toBe(1);
    const localReport = await readReport(path.join(root, 'local-out'));
    expect(keys(report)).toEqual(keys(localReport));
    for (const status of ['done', 'failed'] as const) {
      const pick = (r: BatchReport) => r.files.find((f) => f.status === status)!;
      expect(keys(pick(report)), status).toEqual(keys(pick(localReport)));
    }
    expect(report.settingsHash).toBe(localReport.settingsHash);
  });

  it('finishes the job of a worker killed with kill -9 on another worker, with no partial output and nothing tracked twice', async () => {
    await stopWorkers(workers.splice(0));
    const { input, out, video } = await longClipFolder('kill');
    const pair = [startWorker(redis.url, 2_000), startWorker(redis.url, 2_000)];
    workers.push(...pair);
    await waitFor('both workers to connect', () => pair.every((w) => w.log().includes('connected to')));

    const running = runQueueBatch(input, out, redis.url);
    await waitFor('a worker to start long.mp4', () => pair.some((w) => w.count('started', video) === 1));
    const victim = pair.find((w) => w.count('started', video) === 1)!;
    const survivor = pair.find((w) => w !== victim)!;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The job's process and the spare the worker keeps started for its next job.
    const jobProcesses = childPids(victim.child.pid!);
    expect(jobProcesses.length).toBe(2);
    victim.child.kill('SIGKILL');
    await victim.exited;
    // They notice their worker is gone and stop without writing anything.
    await waitFor('the job processes to exit', () => !jobProcesses.some(isAlive), 10_000);
    expect(await listing(out)).toEqual(['.posetrail-batch-<id>', 'batch-report.json']);

    const run = await running;
    expect(run.code).toBe(0);
    expect(survivor.count('started', video)).toBe(1);
    expect(survivor.count('done', video)).toBe(1);
    expect(victim.count('done', video)).toBe(0);
    expect(statusOf(await readReport(out))).toEqual({ 'long.mp4': 'done' });
    expect(await framesIn(path.join(out, 'long.posetrack.json'))).toBe(60);
    expect(await listing(out)).toEqual(['.posetrail-batch-<id>', 'batch-report.json', 'long.posetrack.json']);
  });

  it('hands the running job back to the queue on SIGTERM, for another worker to finish', async () => {
    await stopWorkers(workers.splice(0));
    const { input, out, video } = await longClipFolder('handback');
    const first = startWorker(redis.url, 30_000);
    workers.push(first);
    await waitFor('the worker to connect', () => first.log().includes('connected to'));
    const running = runQueueBatch(input, out, redis.url);
    await waitFor('the worker to start long.mp4', () => first.count('started', video) === 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    first.child.kill('SIGTERM');
    await first.exited;
    expect(first.log()).toContain(`handed back ${video}`);
    // No stall interval to wait for (30 s here): the job is waiting again at once.
    const second = startWorker(redis.url, 30_000);
    workers.push(second);
    const run = await running;
    expect(run.code).toBe(0);
    expect(second.count('done', video)).toBe(1);
    expect(first.log() + second.log()).not.toContain(' failed ');
    expect(statusOf(await readReport(out))).toEqual({ 'long.mp4': 'done' });
  });

  it('completes a batch across a Redis restart (same port and data folder, append-only file on)', async () => {
    await stopWorkers(workers.splice(0));
    const input = path.join(root, 'restart');
    const out = path.join(root, 'restart-out');
    await mkdir(input);
    const names = ['r1.mp4', 'r2.mp4', 'r3.mp4'];
    for (const name of names) makeClip(VIDEOS.street, path.join(input, name), { width: 480, loops: 3 });
    // A long lock: the restart must not make BullMQ think the running jobs' workers died.
    const pair = [startWorker(redis.url, 20_000), startWorker(redis.url, 20_000)];
    workers.push(...pair);
    await waitFor('both workers to connect', () => pair.every((w) => w.log().includes('connected to')));

    const running = runQueueBatch(input, out, redis.url);
    await waitFor('a job to start', () => pair.some((w) => w.log().includes(' started ')));
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await redis.start();

    const run = await running;
    expect(run.stderr).not.toContain('failed');
    expect(run.code, run.stderr).toBe(0);
    expect(statusOf(await readReport(out))).toEqual({ 'r1.mp4': 'done', 'r2.mp4': 'done', 'r3.mp4': 'done' });
    for (const name of names) {
      const file = path.join(input, name);
      expect(
        pair.reduce((n, w) => n + w.count('done', file), 0),
        name,
      ).toBe(1);
      expect(await framesIn(path.join(out, name.replace('.mp4', '.posetrack.json')))).toBe(20);
    }
  });

  it('enqueues nothing when the finished batch is run again, with or without its report', async () => {
    const input = path.join(root, 'restart');
    const out = path.join(root, 'restart-out');
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      const countsBefore = await queue.getJobCounts();
      const mtimes = async () =>
        Promise.all(['r1', 'r2', 'r3'].map(async (n) => (await stat(path.join(out, `${n}.posetrack.json`))).mtimeMs));
      const before = await mtimes();

      const again = await runQueueBatch(input, out, redis.url);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('3 videos, 0 queued now, 0 already in the queue, 3 already complete');
      expect(again.stdout).toContain('Batch finished: 0 done, 3 skipped (already complete), 0 failed.');

      // Without the report, the queue itself knows the jobs (same path, size, mtime and settings) are done.
      await rm(path.join(out, 'batch-report.json'));
      const noReport = await runQueueBatch(input, out, redis.url);
      expect(noReport.code).toBe(0);
      expect(noReport.stdout).toContain('3 videos, 0 queued now, 0 already in the queue, 3 already complete');
      expect(statusOf(await readReport(out))).toEqual({ 'r1.mp4': 'done', 'r2.mp4': 'done', 'r3.mp4': 'done' });

      // --detach queues nothing either; --status reports the finished batch from the queue.
      const detached = await runQueueBatch(input, out, redis.url, ['--detach']);
      expect(detached.code).toBe(0);
      const batchId = /Batch ([0-9a-f]{12}): 3 videos, 0 queued now/.exec(detached.stdout)?.[1];
      expect(batchId).toBeDefined();
      const status = spawnSync(process.execPath, [CLI, 'batch', '--queue', redis.url, '--status', batchId!], {
        env: cliEnv(),
        encoding: 'utf8',
      });
      expect(status.stdout).toContain(
        `Batch ${batchId} finished: 0 done, 3 skipped (already complete), 0 failed, 0 running, 0 waiting.`,
      );
      expect(status.status).toBe(0);

      expect(await queue.getJobCounts()).toEqual(countsBefore);
      expect(await mtimes()).toEqual(before);
    } finally {
      await queue.close();
    }
  });
});

describe("the app's batch on a queue (what the Batch view runs with a Redis URL in Settings)", () => {
  it('feeds the same table from queue events, and cancel withdraws the videos no worker has started', async () => {
    await stopWorkers(workers.splice(0));
    const input = path.join(root, 'app');
    const out = path.join(root, 'app-out');
    await mkdir(input);
    for (const name of ['p1.mp4', 'p2.mp4', 'p3.mp4'])
      makeClip(VIDEOS.street, path.join(input, name), { width: 400, loops: 3 });
    const worker = startWorker(redis.url, 5_000);
    workers.push(worker);
    await waitFor('the worker to connect', () => worker.log().includes('connected to'));

    const updates: BatchFileState[][] = [];
    const controller = new AbortController();
    process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
    const settings = {
      ...DEFAULT_TRACK_SETTINGS,
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      device: 'cpu' as const,
      detIntervalFrames: 1,
      minBoxScore: 0.3,
      minKeypointScore: 0.3,
      flipTest: false,
      detectorTiling: 'off' as const,
    };
    const running = runAppQueueBatch(
      {
        folder: input,
        outDir: out,
        recursive: false,
        extensions: ['mp4'],
        settings,
        format: 'posetrack18',
        queueUrl: redis.url,
      },
      {
        signal: controller.signal,
        onUpdate: (files) => {
          updates.push(files);
          if (files.some((f) => f.status === 'done')) controller.abort();
        },
      },
    );
    await expect(running).rejects.toThrow('Batch cancelled.');
    // One video finished, the one running at the cancel finishes on its worker, the last never starts.
    const seen = (status: string) => updates.some((files) => files.some((f) => f.status === status));
    expect(seen('running') && seen('done')).toBe(true);
    expect(
      updates.some((files) => files.some((f) => f.status === 'running' && f.progress && f.progress.total === 20)),
    ).toBe(true);
    const report = await readReport(out);
    expect(report.counts.cancelled).toBe(1);
    expect(report.counts.done).toBe(1);
    await waitFor(
      'the running video to finish on the worker',
      () =>
        worker
          .log()
          .split('\n')
          .filter((l) => / done /.test(l)).length === 2,
      60_000,
    );
    expect(worker.log()).not.toContain(path.join(input, 'p3.mp4'));
  });
});

function childPids(pid: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
