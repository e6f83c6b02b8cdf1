import type { ChildProcess } from 'node:child_process';
import { forkModule } from '../util/fork-module';
import type { Progress } from '../types';
import type { ChildJob, FromChild, ToChild } from './child-protocol';

export interface JobProcessHooks {
  onProgress?(progress: Progress): void;
  onWarning?(message: string): void;
}

export interface JobProcess {
  /** When the process has loaded and is ready for the job (ms since the epoch). */
  ready: Promise<number>;
  /** The tracked video's frame and track counts; rejects with the job's error or the process's end. */
  done: Promise<{ frames: number; tracks: number }>;
  /** Ends the process (SIGKILL) and waits for it to exit; the job's promise rejects. */
  kill(): Promise<void>;
}

const CHILD_MODULE = new URL(`./job-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** Runs one job in a process of its own, so a crash or an out-of-memory kill ends the job, not the worker. */
export function runJobProcess(job: ChildJob, hooks: JobProcessHooks = {}): JobProcess {
  const child: ChildProcess = forkModule(CHILD_MODULE, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let readyResolve: (ms: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (readyResolve = resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const done = new Promise<{ frames: number; tracks: number }>((resolve, reject) => {
    let settled = false;
    child.on('message', (message: FromChild) => {
      if (message.type === 'ready') {
        readyResolve(Date.now());
        child.send({ type: 'start', job } satisfies ToChild);
      } else if (message.type === 'progress') hooks.onProgress?.(message.progress);
      else if (message.type === 'warning') hooks.onWarning?.(message.message);
      else if (message.type === 'done') {
        settled = true;
        resolve({ frames: message.frames, tracks: message.tracks });
      } else if (message.type === 'error') {
        settled = true;
        reject(new Error(message.message));
      }
    });
    child.once('error', (error) => !settled && reject(new Error(`Cannot start the tracking process for ${job.input}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      readyResolve(Date.now());
      if (settled) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`The tracking process for ${job.input} ${how} before finishing (a crash in native code or out of memory).`));
    });
  });
  return {
    ready,
    done,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
