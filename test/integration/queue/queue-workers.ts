import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT, SHARED_MODELS_DIR } from '../../helpers/assets';

export const CLI = path.join(REPO_ROOT, 'bin/posetrail.js');
/** The environment of the CLI processes a test starts: its own, read at each start, and the shared models. */
export const cliEnv = (): NodeJS.ProcessEnv => ({ ...process.env, POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR });
export const MODEL_ARGS = [
  '--detector',
  'yolox-nano-416',
  '--pose-model',
  'simplepose-nano',
  '--device',
  'cpu',
  '--tiling',
  'off',
];

/** A `posetrail worker` process with its log collected. */
export interface WorkerProcess {
  child: ChildProcess;
  log(): string;
  /** Lines of its log that start or finish `input`. */
  count(word: 'started' | 'done', input: string): number;
  exited: Promise<void>;
}

export function startWorker(url: string, stallMs: number, extra: string[] = []): WorkerProcess {
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--queue', url, '--threads', '1', '--stall-ms', String(stallMs), ...extra],
    { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    log: () => text,
    count: (word, input) =>
      text.split('\n').filter((line) => new RegExp(` ${word} ${escape(input)}( |$)`).test(line)).length,
    exited,
  };
}

/** Stops workers with SIGTERM (hand back) and waits for them. */
export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  for (const worker of workers)
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A small copy of a shared clip: scaled down, looped `loops` extra times, re-encoded as MPEG-4. */
export function makeClip(
  source: string,
  target: string,
  options: { width: number; loops?: number; frames?: number },
): void {
  const args = [
    '-v',
    'error',
    '-stream_loop',
    String(options.loops ?? 0),
    '-i',
    source,
    '-vf',
    `scale=${options.width}:-2`,
  ];
  if (options.frames) args.push('-frames:v', String(options.frames));
  const result = spawnSync('ffmpeg', [...args, '-an', '-c:v', 'mpeg4', '-q:v', '5', '-y', target], {
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** Runs `posetrail batch … --queue url` to the end. */
export function runQueueBatch(
  folder: string,
  out: string,
  url: string,
  extra: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI, 'batch', folder, '-o', out, '--recursive', '--queue', url, ...MODEL_ARGS, ...extra],
      { env: cliEnv() },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
