/**
 * A model on a worker thread of its own (the detector's and the pose model's threads). ONNX
 * Runtime's session.run blocks the thread that calls it: on the pipeline's thread, a model call
 * would hold up decoding, the other model and the tracker. The thread answers calls one at a time,
 * in the order they came, each with its result or its error (model-thread-serve.ts is the other end).
 */
import type { Worker } from 'node:worker_threads';
import type { Frame } from '../types';
import { emptyCallTimes, type ModelCallTimes } from '../models/call-times';
import { siblingModuleUrl } from '../util/fork-module';
import { spawnModuleWorker } from '../util/worker-spawn';

export type ToModelThread<Request> = { kind: 'call'; id: number; request: Request } | { kind: 'dispose' };

export type FromModelThread<Ready, Result> =
  | { kind: 'ready'; ready: Ready }
  | { kind: 'failed'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'result'; id: number; result: Result; times: ModelCallTimes }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'disposed' };

interface Pending<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

/**
 * Starts the worker module `entry` (a build entry beside this module) with `workerData`, and
 * resolves once its model has loaded, with what the thread reported about it; rejects with the
 * loading error and ends the thread. `name` ("detector") goes into the errors.
 */
export function startModelThread<Ready, Request, Result>(
  entry: string,
  workerData: unknown,
  name: string,
  onWarning?: (message: string) => void,
): Promise<{ thread: ModelThread<Request, Result>; ready: Ready }> {
  const worker = spawnModuleWorker(siblingModuleUrl(entry, import.meta.url), { workerData });
  const thread = new ModelThread<Request, Result>(worker, name, onWarning);
  return thread.loaded.then(
    (ready) => ({ thread, ready: ready as Ready }),
    async (error: Error) => {
      await worker.terminate();
      throw error;
    },
  );
}

export class ModelThread<Request, Result> {
  /** The model's time so far, as of its last answer. */
  times = emptyCallTimes();
  readonly loaded: Promise<unknown>;
  private readonly pending = new Map<number, Pending<Result>>();
  private nextId = 0;
  private failure: Error | null = null;
  private disposing: Promise<void> | null = null;
  private onDisposed: (() => void) | null = null;

  constructor(private readonly worker: Worker, private readonly name: string, private readonly onWarning?: (message: string) => void) {
    this.loaded = new Promise((resolve, reject) => {
      worker.on('message', (message: FromModelThread<unknown, Result>) => this.receive(message, resolve, reject));
      // A thread that throws reports 'error' and then 'exit': the first, more telling one stays.
      const fail = (error: Error) => {
        this.failure ??= error;
        reject(this.failure);
        for (const { reject: rejectCall } of this.pending.values()) rejectCall(this.failure);
        this.pending.clear();
        this.onDisposed?.();
      };
      worker.on('error', (error) => fail(new Error(`The ${name} thread failed: ${error.message}`)));
      worker.on('exit', (code) => fail(new Error(this.disposing ? `The ${name} has been disposed.` : `The ${name} thread ended (exit code ${code}).`)));
    });
  }

  call(request: Request): Promise<Result> {
    if (this.disposing) return Promise.reject(new Error(`The ${this.name} has been disposed.`));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'call', id, request } satisfies ToModelThread<Request>);
    });
  }

  dispose(): Promise<void> {
    this.disposing ??= new Promise<void>((resolve) => {
      if (this.failure) return resolve();
      this.onDisposed = resolve;
      this.worker.postMessage({ kind: 'dispose' } satisfies ToModelThread<Request>);
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.disposing;
  }

  private receive(message: FromModelThread<unknown, Result>, ready: (value: unknown) => void, failed: (error: Error) => void): void {
    switch (message.kind) {
      case 'ready':
        ready(message.ready);
        return;
      case 'failed':
        failed(new Error(message.message));
        return;
      case 'warning':
        this.onWarning?.(message.message);
        return;
      case 'disposed':
        this.onDisposed?.();
        return;
      default: {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.kind === 'result') {
          this.times = message.times;
          call?.resolve(message.result);
        } else call?.reject(new Error(message.message));
      }
    }
  }
}

/**
 * The frame as it crosses to a thread: pixels in shared memory go as they are; others are cut
 * to their own bytes, since cloning a view copies its whole underlying buffer.
 */
export function portableFrame(frame: Frame): Frame {
  const { index, timestampMs, width, height, rgb, downscaled } = frame;
  return {
    index, timestampMs, width, height, rgb: portablePixels(rgb),
    ...(downscaled && { downscaled: { ...downscaled, rgb: portablePixels(downscaled.rgb) } }),
  };
}

function portablePixels(rgb: Uint8Array): Uint8Array {
  const shared = typeof SharedArrayBuffer !== 'undefined' && rgb.buffer instanceof SharedArrayBuffer;
  const whole = rgb.byteOffset === 0 && rgb.byteLength === rgb.buffer.byteLength;
  return shared || whole ? rgb : rgb.slice();
}
