import type { ChildProcess } from 'node:child_process';
import { forkModule, siblingModuleUrl } from '../util/fork-module';
import type { Progress } from '../types';
import type { ChildJob, FromChild, ToChild } from './child-protocol';

export interface JobProcessHooks {
  onProgress?(progress: Progress): void;
  onWarning?(message: string): void;
}

export interface JobRun {
  /** When the process was loaded and ready for the job (ms since the epoch). */
  ready: Promise<number>;
  /** The tracked video's frame and track counts; rejects with the job's error or the process's end. */
  done: Promise<{ frames: number; tracks: number }>;
  /** Ends the process (SIGKILL) and waits for it to exit; `done` rejects. */
  kill(): Promise<void>;
}

const CHILD_MODULE = siblingModuleUrl('job-child', import.meta.url);

/**
 * One process per job, so a crash or an out-of-memory kill ends the job, not the worker. Starting
 * one (node, the pipeline's modules, ONNX Runtime) takes a second or more, so one spare is kept
 * started ahead and the next job finds it loaded.
 */
export class JobProcessPool {
  private spare: JobProcess | null = null;
  private closed = false;

  run(job: ChildJob, hooks: JobProcessHooks = {}): JobRun {
    const process = this.spare ?? new JobProcess();
    this.spare = this.closed ? null : new JobProcess();
    return process.run(job, hooks);
  }

  /** Ends the spare; running jobs are left to their owners. */
  async close(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = null;
    await spare?.kill();
  }
}

class JobProcess {
  private readonly child: ChildProcess = forkModule(CHILD_MODULE, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  private readonly exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
  private readonly ready: Promise<number>;

  constructor() {
    this.ready = new Promise<number>((resolve) => {
      this.child.on('message', (message: FromChild) => message.type === 'ready' && resolve(Date.now()));
      this.child.once('exit', () => resolve(Date.now()));
    });
    // An error before any job (the spare failing to start) surfaces when a job uses it.
    this.child.on('error', () => {});
  }

  run(job: ChildJob, hooks: JobProcessHooks): JobRun {
    const { child } = this;
    const done = new Promise<{ frames: number; tracks: number }>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, value?: { frames: number; tracks: number }) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve(value!);
      };
      child.on('message', (message: FromChild) => {
        if (message.type === 'progress') hooks.onProgress?.(message.progress);
        else if (message.type === 'warning') hooks.onWarning?.(message.message);
        else if (message.type === 'done') settle(null, { frames: message.frames, tracks: message.tracks });
        else if (message.type === 'error') settle(new Error(message.message));
      });
      child.once('error', (error) =>
        settle(new Error(`Cannot start the tracking process for ${job.input}: ${error.message}`)),
      );
      child.once('exit', (code, signal) => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        settle(
          new Error(
            `The tracking process for ${job.input} ${how} before finishing (a crash in native code or out of memory).`,
          ),
        );
      });
      void this.ready.then(() => {
        if (child.connected) child.send({ type: 'start', job } satisfies ToChild);
      });
    });
    return { ready: this.ready, done, kill: () => this.kill() };
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
