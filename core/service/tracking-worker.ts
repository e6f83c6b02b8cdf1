/**
 * The worker thread behind the service: runs one tracking, batch or overlay job per thread and
 * reports back with messages (see worker-protocol.ts), so the host process never blocks on
 * decoding or inference. Started by worker-job.ts; ends when its job ends.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerJob, WorkerValue } from './worker-protocol';
import { toErrorData } from '../api/errors';

if (!parentPort) throw new Error('tracking-worker.ts must run as a worker thread.');
const port = parentPort;
const controller = new AbortController();
const post = (message: FromWorker) => port.postMessage(message);

async function run(job: WorkerJob): Promise<WorkerValue> {
  const { signal } = controller;
  const onWarning = (message: string) => post({ type: 'warning', message });
  switch (job.kind) {
    case 'track': {
      const [{ runTracking }, { trackOptionsFromSettings }] = await Promise.all([
        import('../pipeline/runner'),
        import('../pipeline/track-options'),
      ]);
      const run: WorkerValue<'track'> = await runTracking(job.videoPath, trackOptionsFromSettings(job.settings), {
        signal,
        onWarning,
        onProgress: (progress) => post({ type: 'progress', progress }),
        onFrames: (frames) => post({ type: 'frames', frames }),
      });
      return run;
    }
    case 'overlay': {
      const { renderOverlayVideo } = await import('../pipeline/overlay');
      await renderOverlayVideo(job.result, job.outPath, {
        signal,
        minKeypointScore: job.minKeypointScore,
        trackNames: job.trackNames,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      return job.outPath;
    }
    case 'batch': {
      const { runBatch } = await import('../batch');
      let last: WorkerValue<'batch'> = { files: [], overall: { done: 0, total: 0 } };
      const hooks = {
        signal,
        onUpdate: (files: typeof last.files, overall: typeof last.overall) => {
          last = { files, overall };
          post({ type: 'batch-update', files, overall });
        },
      };
      // With a queue URL the videos go to `posetrail worker`s; the updates have the same shape.
      const { queueUrl } = job.options;
      if (queueUrl) await (await import('../queue')).runQueueBatch({ ...job.options, queueUrl }, hooks);
      else await runBatch(job.options, hooks);
      return last;
    }
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  run(message.job)
    .then(
      (value) => post({ type: 'done', value }),
      (error: unknown) => post({ type: 'error', error: toErrorData(error) }),
    )
    // One job per thread: closing the port lets the thread exit on its own.
    .finally(() => port.close());
});
