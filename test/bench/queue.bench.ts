/**
 * Queue section of `npm run bench`: the same folder of 8 short videos (scaled copies of the shared
 * street clip) tracked through a real redis-server by one `posetrail worker` (1 thread) and then
 * by two (1 thread each), as the CLI runs them: videos per minute of each and their ratio (target
 * ≥ 1.7 with two workers on two cores), and the queue's own overhead per job: from the moment a
 * job could start (enqueued, and its worker free) to the worker's processor having it (target
 * < 50 ms). Beside it, how long a job waited for its own process (the sandbox: node, the
 * TypeScript loader, the pipeline's modules; a worker keeps one started ahead, so mostly 0). Takes a few minutes on 2 cores; on a busy machine
 * the ratio mostly measures the other load.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { QUEUE_NAME, type TrackJobData, type TrackJobResult } from '../../core/queue';
import { startRedisServer } from '../helpers/redis-server';
import { checkTarget, median, type BenchContext } from './context';

const VIDEO_COUNT = 8;
const LOOPS = 3;
const MODEL_ARGS = [
  '--detector',
  'yolox-nano-416',
  '--pose-model',
  'simplepose-nano',
  '--device',
  'cpu',
  '--tiling',
  'off',
];

interface RunResult {
  workers: number;
  wallMs: number;
  videosPerMinute: number;
  batchId: string;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const redis = await startRedisServer();
  const cli = path.join(ctx.repoRoot, 'bin/posetrail.js');
  const env = { ...process.env, POSETRAIL_MODEL_PATH: path.join(ctx.sharedAssets, 'models') };
  const folder = path.join(ctx.tmpDir, 'videos');
  await mkdir(folder);
  for (let i = 0; i < VIDEO_COUNT; i++) {
    const target = path.join(folder, `clip${i}.mp4`);
    const source = path.join(ctx.sharedAssets, 'videos/street_5frames_1280x720.mp4');
    // Slightly different sizes, so no two files are alike.
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-stream_loop',
      String(LOOPS),
      '-i',
      source,
      '-vf',
      `scale=${480 + 16 * i}:-2`,
      '-an',
      '-c:v',
      'mpeg4',
      '-q:v',
      '5',
      '-y',
      target,
    ]);
    if (made.status !== 0) throw new Error(`ffmpeg could not make ${target}: ${made.stderr}`);
  }
  const queue = new Queue<TrackJobData, TrackJobResult>(QUEUE_NAME, {
    connection: { host: '127.0.0.1', port: redis.port },
  });
  try {
    const runBatch = async (workerCount: number): Promise<RunResult> => {
      const workers = Array.from({ length: workerCount }, () =>
        spawn(process.execPath, [cli, 'worker', '--queue', redis.url, '--threads', '1'], {
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      );
      try {
        await Promise.all(workers.map((w) => waitForOutput(w.stdout!, 'connected to')));
        const started = performance.now();
        const out = path.join(ctx.tmpDir, `out-${workerCount}`);
        const batch = spawnSync(
          process.execPath,
          [cli, 'batch', folder, '-o', out, '--queue', redis.url, ...MODEL_ARGS],
          { env, encoding: 'utf8' },
        );
        const wallMs = performance.now() - started;
        if (batch.status !== 0) throw new Error(`batch with ${workerCount} workers failed: ${batch.stderr}`);
        const batchId = /Batch ([0-9a-f]{12})/.exec(batch.stdout)![1];
        ctx.log(`${workerCount} worker(s): ${VIDEO_COUNT} videos in ${(wallMs / 1000).toFixed(1)} s`);
        return {
          workers: workerCount,
          wallMs: Math.round(wallMs),
          videosPerMinute: round((VIDEO_COUNT / wallMs) * 60_000),
          batchId,
        };
      } finally {
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(
          workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('exit', resolve)))),
        );
      }
    };
    const one = await runBatch(1);
    const two = await runBatch(2);
    const timings = await jobTimings(queue, [one.batchId, two.batchId]);
    return {
      videos: VIDEO_COUNT,
      framesPerVideo: 5 * (LOOPS + 1),
      oneWorker: one,
      twoWorkers: two,
      speedupTwoWorkers: checkTarget(two.videosPerMinute / one.videosPerMinute, '>=', 1.7),
      queueOverheadMedianMs: checkTarget(median(timings.overheadMs), '<=', 50),
      queueOverheadMaxMs: Math.round(Math.max(...timings.overheadMs)),
      jobProcessWaitMedianMs: Math.round(median(timings.processWaitMs)),
      jobProcessWaitMaxMs: Math.round(Math.max(...timings.processWaitMs)),
      note: 'Measured on a shared machine under load: compare ratios between runs on one machine only.',
    };
  } finally {
    await queue.close();
    await redis.dispose();
  }
}

/**
 * Per job, the queue's overhead: from when it could have started (enqueued, and its worker done
 * with the previous job) to the worker's processor holding it; and its wait for its process.
 */
async function jobTimings(queue: Queue<TrackJobData, TrackJobResult>, batchIds: string[]) {
  const jobs = (await queue.getJobs(['completed'])).filter((job) => batchIds.includes(job.data.batchId));
  const byWorker = new Map<string, typeof jobs>();
  for (const job of jobs) byWorker.set(job.returnvalue.worker, [...(byWorker.get(job.returnvalue.worker) ?? []), job]);
  const overheadMs: number[] = [];
  const processWaitMs: number[] = [];
  for (const list of byWorker.values()) {
    list.sort((a, b) => a.returnvalue.takenAtMs - b.returnvalue.takenAtMs);
    list.forEach((job, i) => {
      const previousEndMs = i > 0 ? Date.parse(list[i - 1].returnvalue.finishedAt) : 0;
      overheadMs.push(job.returnvalue.takenAtMs - Math.max(job.timestamp, previousEndMs));
      processWaitMs.push(Math.max(0, job.returnvalue.childReadyAtMs - job.returnvalue.takenAtMs));
    });
  }
  if (overheadMs.length !== 2 * VIDEO_COUNT)
    throw new Error(`Expected ${2 * VIDEO_COUNT} completed jobs, found ${overheadMs.length}.`);
  return { overheadMs, processWaitMs };
}

function waitForOutput(stream: NodeJS.ReadableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(text)) return;
      stream.off('data', onData);
      stream.resume();
      resolve();
    };
    stream.on('data', onData);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
