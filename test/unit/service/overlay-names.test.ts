import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../../core/service/export-job';
import type { CorePorts } from '../../../core/service/core-ports';
import type { ProjectState } from '../../../core/api/pose-api';
import type { ToWorker, WorkerJob } from '../../../core/service/worker-protocol';
import { makeResult } from '../export/fixtures';

/** A worker thread stand-in: records the job it is given and finishes it at once. */
function recordingWorker(jobs: WorkerJob[]): Worker {
  const worker = new EventEmitter() as EventEmitter & { postMessage(m: ToWorker): void; terminate(): Promise<number> };
  worker.postMessage = (message) => {
    if (message.type !== 'start') return;
    jobs.push(message.job);
    queueMicrotask(() => worker.emit('message', { type: 'done', value: 'written' }));
  };
  worker.terminate = async () => 0;
  return worker as unknown as Worker;
}

describe('the overlay video export', () => {
  it('hands the worker the names given to the tracks it draws, and leaves hidden tracks out', async () => {
    const result = makeResult();
    const [first, second] = [...new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))];
    const tracks = [
      { trackId: first, name: 'Anna', hidden: false, colorHex: '#fff' },
      { trackId: second, name: 'Coach', hidden: true, colorHex: '#000' },
    ];
    const project = { videoPath: path.join(os.tmpdir(), 'clip.mp4'), result, tracks } as unknown as ProjectState;
    const jobs: WorkerJob[] = [];
    const outPath = path.join(os.tmpdir(), `posetrail-names-${process.pid}.overlay.mp4`);
    await runExport({
      videoPath: project.videoPath,
      project,
      options: { excludeHidden: true },
      format: 'overlay-video',
      outPath,
      overwrite: true,
      ports: {} as CorePorts,
      spawnWorker: () => recordingWorker(jobs),
      onProgress: () => {},
    });
    expect(jobs).toHaveLength(1);
    const job = jobs[0] as Extract<WorkerJob, { kind: 'overlay' }>;
    expect(job.trackNames).toEqual({ [first]: 'Anna' });
    expect(job.result.frames.flatMap((f) => f.poses).every((p) => p.trackId === first)).toBe(true);
  });
});
