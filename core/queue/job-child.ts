/**
 * The process a queue worker starts for each job: tracks one video and writes its output
 * atomically, reporting over IPC. A crash or an out-of-memory kill here ends this process only;
 * the worker reports the job failed and BullMQ retries it. When the worker itself dies (the IPC
 * channel closes) this process exits at once, before writing anything: the job goes back to the
 * queue through BullMQ's stall detection and another worker redoes it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { trackFile } from '../batch/track-file';
import { EXIT_ORPHANED, type FromChild, type ToChild } from './child-protocol';

if (!process.send) throw new Error('job-child.ts must be started by a queue worker (with an IPC channel).');

const send = (message: FromChild) =>
  new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, () => resolve());
  });

process.on('disconnect', () => process.exit(EXIT_ORPHANED));
// Ctrl-C reaches the whole process group: the worker decides whether this job finishes or is handed back.
process.on('SIGINT', () => {});

/** Temp files an earlier attempt left when it was killed in the middle of writing (see util/fs). */
async function removeStaleTemps(output: string): Promise<void> {
  const dir = path.dirname(output);
  const prefix = `.${path.basename(output)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))
      .map((n) => fs.rm(path.join(dir, n), { force: true })),
  );
}

process.once('message', (message: ToChild) => {
  const { job } = message;
  const run = async () => {
    await removeStaleTemps(job.output);
    const { frames, tracks } = await trackFile(
      job.input,
      job.output,
      { settings: job.settings, format: job.format, keypoints: job.keypoints, defaultThreads: job.defaultThreads },
      {
        onProgress: (progress) => void send({ type: 'progress', progress }),
        onWarning: (warning) => void send({ type: 'warning', message: warning }),
      },
    );
    await send({ type: 'done', frames, tracks });
  };
  run()
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.exit(0));
});

void send({ type: 'ready' });
