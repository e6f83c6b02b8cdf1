import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PoseEvent, TrackSettings } from '../../../core/api/pose-api';
import { realCorePorts } from '../../../core/service/core-ports';
import { MAX_WAITING_RUNS } from '../../../core/service/run-queue';
import { createPoseService, type PoseService } from '../../../core/service/service';
import type { FromWorker, ToWorker, WorkerJob } from '../../../core/service/worker-protocol';
import type { VideoInfo } from '../../../core/types';

/**
 * Issue 25, item 7: twelve tracking runs at once took the web host from 313 MB to 1676 MB, one
 * worker thread with its models each. Runs and batches now share a queue of a few slots; the
 * rest wait, say so, and start in turn (fake worker threads stand in for the real ones here).
 */

class FakeWorker extends EventEmitter {
  job: WorkerJob | null = null;
  cancelled = false;
  postMessage(message: ToWorker) {
    if (message.type === 'start') this.job = message.job;
    else this.fail('CANCELLED');
  }
  terminate() {
    return Promise.resolve(0);
  }
  fail(code: string) {
    this.cancelled = code === 'CANCELLED';
    this.emit('message', { type: 'error', error: { code, message: code } } satisfies FromWorker);
  }
}

const info: VideoInfo = {
  path: '',
  width: 64,
  height: 48,
  fps: 25,
  frameCount: 5,
  durationMs: 200,
  codec: 'h264',
  rotation: 0,
} as unknown as VideoInfo;
const settings = { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', device: 'cpu' } as TrackSettings;

let root: string;
let service: PoseService;
let workers: FakeWorker[];
let events: PoseEvent[];

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-run-queue-'));
  workers = [];
  events = [];
  service = createPoseService({
    host: 'web',
    version: '0.0.0-test',
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: async (file) => file,
    maxConcurrentRuns: 2,
    spawnWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    core: {
      ...realCorePorts,
      probeVideo: async (filePath) => ({ ...info, path: filePath }),
      availableDevices: async () => ['cpu'],
    },
  });
  service.onEvent((event) => events.push(event));
});

afterEach(async () => {
  await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ended = () =>
  events.filter((event) => event.type === 'tracking-error').map((event) => (event as { runId: string }).runId);

describe('concurrent runs', () => {
  it('runs two of twelve at once, reports the others waiting, and runs every one in turn', async () => {
    const runIds: string[] = [];
    for (let index = 0; index < 12; index += 1)
      runIds.push((await service.tracking.start(path.join(root, `v${index}.mp4`), settings)).runId);
    expect(workers).toHaveLength(2);
    const listed = await service.tracking.list();
    expect(listed).toHaveLength(12);
    expect(listed.map((run) => run.progress.waitingForRuns ?? 0)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(listed[2]!.progress.message).toBe('Waiting for another run to finish');

    for (let finished = 0; finished < 12; finished += 1) {
      expect(workers.filter((worker) => !worker.cancelled).length - finished).toBeLessThanOrEqual(2);
      workers[finished]!.fail('INTERNAL');
      await settle();
    }
    expect(workers).toHaveLength(12);
    expect(workers.map((worker) => (worker.job as { videoPath: string }).videoPath)).toEqual(
      runIds.map((_, index) => path.join(root, `v${index}.mp4`)),
    );
    expect(ended().sort()).toEqual([...runIds].sort());
  });

  it('queues batches behind tracking runs, and a waiting run cancels without starting', async () => {
    await service.tracking.start(path.join(root, 'a.mp4'), settings);
    await service.tracking.start(path.join(root, 'b.mp4'), settings);
    const { runId: waitingRun } = await service.tracking.start(path.join(root, 'c.mp4'), settings);
    const { batchId } = await service.batch.start({ inputs: [root], outDir: root } as never);
    expect(workers).toHaveLength(2);
    const batchWaiting = events.find((event) => event.type === 'batch-update' && event.batchId === batchId);
    expect(batchWaiting).toMatchObject({ overall: { waitingForRuns: 2 }, finished: false });

    await service.tracking.cancel(waitingRun);
    await settle();
    expect(ended()).toEqual([waitingRun]);
    expect(events.filter((event) => event.type === 'batch-update' && event.batchId === batchId).at(-1)).toMatchObject({
      overall: { waitingForRuns: 1 },
    });
    workers[0]!.fail('INTERNAL');
    await settle();
    expect(workers).toHaveLength(3);
    expect(workers[2]!.job?.kind).toBe('batch');
  });

  it('refuses runs beyond the waiting room as BUSY and keeps serving', async () => {
    for (let index = 0; index < 2 + MAX_WAITING_RUNS; index += 1)
      await service.tracking.start(path.join(root, `v${index}.mp4`), settings);
    await expect(service.tracking.start(path.join(root, 'one-too-many.mp4'), settings)).rejects.toMatchObject({
      code: 'BUSY',
    });
    expect(workers).toHaveLength(2);
    workers[0]!.fail('INTERNAL');
    await settle();
    await expect(service.tracking.start(path.join(root, 'after.mp4'), settings)).resolves.toMatchObject({
      runId: expect.any(String),
    });
  });
});
