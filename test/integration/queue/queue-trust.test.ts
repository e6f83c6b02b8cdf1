/**
 * Issue 25, item 8: whoever can write to the queue's Redis must not be able to make
 * `batch --status` write batch-report.json into another folder or print terminal escape
 * sequences, nor make a worker write outside the batch's output folder or run with a
 * million threads. Against a real redis-server (test/helpers/redis-server.ts); no models run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Queue } from 'bullmq';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import {
  QueueWorker,
  batchIdFor,
  openQueue,
  submitBatch,
  type SubmittedBatch,
  type TrackJobData,
  type TrackJobResult,
} from '../../../core/queue';
import { saveBatchRecord } from '../../../core/queue/batch-record';
import { queueBatchCommand, type BatchCliOptions } from '../../../hosts/cli/queue-batch';
import type { TrackSettings } from '../../../core/api/pose-api';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';

const settings: TrackSettings = {
  ...DEFAULT_TRACK_SETTINGS,
  detector: 'yolox-nano-416',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.3,
  minKeypointScore: 0.3,
  flipTest: false,
};
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';

let redis: RedisServer;
let root: string;
let queue: Queue<TrackJobData, TrackJobResult>;
let submitted: SubmittedBatch;
let folder: string;
let outDir: string;

beforeAll(async () => {
  redis = await startRedisServer();
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-queue-trust-'));
  folder = path.join(root, 'videos');
  outDir = path.join(root, 'poses');
  await mkdir(folder);
  await writeFile(path.join(folder, 'a.mp4'), 'not a real video\n');
  await writeFile(path.join(folder, 'b.mp4'), 'not a real video either\n');
  queue = openQueue(redis.url);
  submitted = await submitBatch(queue, {
    folder,
    outDir,
    recursive: false,
    extensions: ['mp4'],
    settings,
    format: 'posetrack18',
  });
});

afterAll(async () => {
  await queue?.close();
  await redis?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Runs `posetrail batch --queue <url> --status <id>` in this process and collects what it prints. */
async function status(batchId: string): Promise<{ out: string; error?: Error }> {
  let out = '';
  const collect = (chunk: string | Uint8Array) => ((out += String(chunk)), true);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  try {
    await queueBatchCommand(undefined, { queue: redis.url, status: batchId, jobs: 1 } as BatchCliOptions);
    return { out };
  } catch (error) {
    return { out, error: error as Error };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

describe('what the queue takes from Redis', () => {
  it('refuses a batch record pointed at another folder and leaves that folder alone', async () => {
    const victim = path.join(root, 'victim');
    await mkdir(victim);
    await writeFile(path.join(victim, 'batch-report.json'), 'precious\n');
    const tampered = structuredClone(submitted);
    tampered.report.outDir = victim;
    tampered.report.files = tampered.report.files.map((file) => ({
      ...file,
      output: path.join(victim, path.basename(file.output)),
    }));
    await saveBatchRecord(queue, { batchId: submitted.batchId, report: tampered.report, jobIds: tampered.jobIds });

    const { error } = await status(submitted.batchId);
    expect(error?.message).toContain(`does not match its batch id ${submitted.batchId}`);
    expect(await readFile(path.join(victim, 'batch-report.json'), 'utf8')).toBe('precious\n');
    expect(await readdir(victim)).toEqual(['batch-report.json']);
  });

  it('refuses a malformed record and prints no control characters from a well-formed one', async () => {
    await saveBatchRecord(queue, {
      batchId: submitted.batchId,
      report: { ...submitted.report, files: 'x' } as never,
      jobIds: submitted.jobIds,
    });
    expect((await status(submitted.batchId)).error?.message).toMatch(
      /record of batch [0-9a-f]{12} in the queue is malformed \(report\.files/,
    );

    const report = structuredClone(submitted.report);
    report.files[0] = { ...report.files[0]!, status: 'failed', error: `bad${ESCAPES}news` };
    await saveBatchRecord(queue, { batchId: submitted.batchId, report, jobIds: [null, submitted.jobIds[1]!] });
    const { out, error } = await status(submitted.batchId);
    expect(error).toBeUndefined();
    expect(out).toContain(
      `posetrail: failed ${path.join(folder, 'a.mp4')}: bad\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31mnews`,
    );
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(await readFile(path.join(outDir, 'batch-report.json'), 'utf8')).files[0].error).toBe(
      `bad${ESCAPES}news`,
    );
  });

  it('makes a worker refuse jobs that write outside their batch or ask for a million threads, and go on serving', async () => {
    const lines: string[] = [];
    const worker = new QueueWorker({
      queueUrl: redis.url,
      concurrency: 1,
      pathMap: [],
      download: false,
      stallMs: 5_000,
      log: (line) => lines.push(line),
    });
    try {
      await worker.waitUntilReady();
      const good = (await queue.getJob(submitted.jobIds[1]!))!.data;
      const escapeDir = path.join(root, 'elsewhere');
      const outside: TrackJobData = {
        ...good,
        outDir: escapeDir,
        output: path.join(escapeDir, 'evil.json'),
        batchId: batchIdFor(good.folder, escapeDir, good.settingsHash),
      };
      const traversal: TrackJobData = { ...good, output: path.join(good.outDir, '..', 'evil.json') };
      const threads: TrackJobData = { ...good, settings: { ...good.settings, threads: 1_000_000 } };
      const ids = ['outside', 'traversal', 'threads'];
      await queue.addBulk(
        [outside, traversal, threads].map((data, i) => ({ name: 'track', data, opts: { jobId: ids[i], attempts: 3 } })),
      );
      const reasons = await Promise.all(ids.map((id) => failedReason(id)));
      expect(reasons[0]).toBe(
        `Job outside writes into ${escapeDir}, which holds no mark of batch ${outside.batchId} (.posetrail-batch-${outside.batchId}); refusing it. Submit the batch again with \`posetrail batch --queue\`.`,
      );
      expect(reasons[1]).toContain("names an output outside the batch's output folder");
      expect(reasons[2]).toMatch(/Job threads in the queue is malformed \(settings\.threads/);
      const attempts = await Promise.all(ids.map(async (id) => (await queue.getJob(id))!.attemptsMade));
      expect(attempts).toEqual([1, 1, 1]);
      await expect(readdir(escapeDir)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(readFile(path.join(root, 'evil.json'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(lines.filter((line) => line.startsWith('refused job'))).toHaveLength(3);
    } finally {
      await worker.finish();
    }
  });
});

/** Polls a job until it has failed (bounded), and returns why. */
async function failedReason(jobId: string): Promise<string> {
  for (let tries = 0; tries < 200; tries += 1) {
    // The state first, then the job: a job read before it failed carries no reason yet.
    if ((await queue.getJobState(jobId)) === 'failed') return (await queue.getJob(jobId))!.failedReason;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not fail within 10 s`);
}
