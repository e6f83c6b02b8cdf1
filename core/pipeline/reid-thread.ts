/**
 * The re-ID model on a thread of its own, like the detector (detector-thread.ts): ONNX Runtime's
 * session.run blocks the thread that calls it, so on the pipeline's thread the embeddings of one
 * frame would wait for the pose model and the pose model for them. On its own thread the re-ID
 * model embeds frame t while the pose model works on frame t + 1 (see the pose stage). Frames
 * whose pixels are in shared memory (the decoder's frame pool) are shared, not copied.
 */
import type { Worker } from 'node:worker_threads';
import type { Box, Frame } from '../types';
import type { ModelManifest } from '../models/manifest';
import { emptyCallTimes, type ModelCallTimes } from '../models/call-times';
import type { PersonEmbedder, PersonEmbedderOptions } from '../pose/reid-embedder';
import { siblingModuleUrl } from '../util/fork-module';
import { spawnModuleWorker } from '../util/worker-spawn';
import { portableFrame } from './detection/detector-thread';

export type ToReidThread = { kind: 'embed'; id: number; frame: Frame; boxes: Box[] } | { kind: 'dispose' };

export type FromReidThread =
  | { kind: 'ready'; manifest: ModelManifest; provider: string }
  | { kind: 'failed'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'embeddings'; id: number; embeddings: Float32Array[]; times: ModelCallTimes }
  | { kind: 'error'; id: number; message: string };

/** How long the thread may take to release its session before it is terminated. */
const DISPOSE_WAIT_MS = 5000;

interface Pending {
  resolve(embeddings: Float32Array[]): void;
  reject(error: Error): void;
}

/** Starts the thread and loads the re-ID model there; rejects with the loading error. */
export function createThreadedEmbedder(options: PersonEmbedderOptions): Promise<PersonEmbedder> {
  const { onWarning, ...portable } = options;
  const worker = spawnModuleWorker(siblingModuleUrl('reid-worker', import.meta.url), { workerData: portable });
  const proxy = new EmbedderProxy(worker, onWarning);
  return proxy.loaded.then(
    () => proxy,
    async (error: Error) => {
      await worker.terminate();
      throw error;
    },
  );
}

class EmbedderProxy implements PersonEmbedder {
  manifest!: ModelManifest;
  provider = 'cpu';
  times = emptyCallTimes();
  readonly loaded: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;
  private disposed = false;

  constructor(
    private readonly worker: Worker,
    private readonly onWarning?: (message: string) => void,
  ) {
    this.loaded = new Promise((resolve, reject) => {
      worker.on('message', (message: FromReidThread) => this.receive(message, resolve, reject));
      const fail = (error: Error) => {
        this.failure ??= error;
        reject(this.failure);
        for (const call of this.pending.values()) call.reject(this.failure);
        this.pending.clear();
      };
      worker.on('error', (error) => fail(new Error(`The re-ID model's thread failed: ${error.message}`)));
      worker.on('exit', (code) =>
        fail(
          new Error(
            this.disposed
              ? 'The re-ID model has been disposed.'
              : `The re-ID model's thread ended (exit code ${code}).`,
          ),
        ),
      );
    });
  }

  private receive(message: FromReidThread, ready: () => void, failed: (error: Error) => void): void {
    if (message.kind === 'ready') {
      this.manifest = message.manifest;
      this.provider = message.provider;
      ready();
    } else if (message.kind === 'failed') failed(new Error(message.message));
    else if (message.kind === 'warning') this.onWarning?.(message.message);
    else {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.kind === 'error') return call?.reject(new Error(message.message));
      this.times = message.times;
      call?.resolve(message.embeddings);
    }
  }

  embed(frame: Frame, boxes: readonly Box[]): Promise<Float32Array[]> {
    if (this.disposed) return Promise.reject(new Error('The re-ID model has been disposed.'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: ToReidThread = {
      kind: 'embed',
      id,
      frame: portableFrame(frame),
      boxes: boxes.map((box) => ({ ...box })),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.failure) {
      await this.worker.terminate();
      return;
    }
    // The thread releases its session and exits on its own; terminate() ends it if it does not.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), DISPOSE_WAIT_MS);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ kind: 'dispose' } satisfies ToReidThread);
    });
  }
}
