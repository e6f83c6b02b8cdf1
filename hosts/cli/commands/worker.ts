import { Option, type Command } from 'commander';
import type { ExecutionDevice } from '../../../core/devices';
import { DEFAULT_STALL_MS, QueueWorker, checkRedis, parsePathMapping, type PathMapping } from '../../../core/queue';
import { DEVICES, parseCount } from '../options';

interface WorkerCliOptions {
  download: boolean;
  queue: string;
  concurrency: number;
  device?: ExecutionDevice;
  threads?: number;
  pathMap: PathMapping[];
  stallMs: number;
  jobTimeLimit?: number;
}

const collectMapping = (value: string, previous: PathMapping[]) => [...previous, parsePathMapping(value)];

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'Track videos queued by `posetrail batch --queue` on any machine: each job runs in a process of its own. ' +
        'Ctrl-C finishes the running jobs; a second Ctrl-C or SIGTERM hands them back to the queue.',
    )
    .addOption(
      new Option('--queue <url>', 'Redis URL: redis://[:password@]host:6379[/db], rediss:// for TLS')
        .env('POSETRAIL_QUEUE')
        .makeOptionMandatory(),
    )
    .option('--concurrency <n>', 'jobs run at the same time', parseCount('--concurrency'), 1)
    .addOption(
      new Option('--device <device>', 'execution device (default: the one the batch was submitted with)').choices(
        DEVICES,
      ),
    )
    .option('--threads <n>', 'CPU threads per model (default: cores ÷ concurrency)', parseCount('--threads'))
    .addOption(
      new Option(
        '--path-map <from=to>',
        'read paths under FROM as under TO on this machine (repeatable), e.g. /mnt/lab=/data/lab',
      )
        .argParser(collectMapping)
        .default([], 'none'),
    )
    .option('--no-download', 'never download a missing model: the job fails and says how to install it')
    .option(
      '--stall-ms <ms>',
      'a worker silent this long loses its job to another',
      parseCount('--stall-ms'),
      DEFAULT_STALL_MS,
    )
    .option(
      '--job-time-limit <minutes>',
      'stop a job running longer than this (default: 10 min + 5 s per frame of its video)',
      parseCount('--job-time-limit'),
    )
    .action(async (options: WorkerCliOptions) => {
      await workerCommand(options);
    });
}

async function workerCommand(options: WorkerCliOptions): Promise<void> {
  await checkRedis(options.queue);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const worker = new QueueWorker({
    queueUrl: options.queue,
    concurrency: options.concurrency,
    device: options.device,
    threads: options.threads,
    pathMap: options.pathMap,
    stallMs: options.stallMs,
    jobTimeLimitMs: options.jobTimeLimit === undefined ? undefined : options.jobTimeLimit * 60_000,
    download: options.download,
    log,
  });
  let finishing = false;
  let handingBack = false;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stop = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && !finishing && !handingBack) {
      finishing = true;
      log('finishing the running jobs, taking no new ones (Ctrl-C again hands them back to the queue)');
      void worker.finish().then(resolveStopped, resolveStopped);
    } else if (!handingBack) {
      handingBack = true;
      log('handing the running jobs back to the queue');
      void worker.handBack().then(resolveStopped, resolveStopped);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await worker.waitUntilReady();
    await stopped;
    log('worker stopped');
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
