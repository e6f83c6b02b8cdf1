/**
 * The person detector on a thread of its own. ONNX Runtime's session.run blocks the thread that
 * calls it, so with both models on the pipeline's thread nothing overlaps: the detector's letterbox,
 * model call and box decoding would wait for the pose model and the tracker, and the other way
 * round. On its own thread the detector works on the next frames while the pose stage works on
 * the current one. Frames whose pixels are in a SharedArrayBuffer (the decoder's frame pool) are
 * shared, not copied.
 */
import type { Worker } from 'node:worker_threads';
import type { Box, Frame } from '../../types';
import type { DetectRequest, DetectViewsOption, DetectorOptions } from '../../detect/detector';
import type { ModelManifest } from '../../models/manifest';
import { emptyCallTimes, type ModelCallTimes } from '../../models/call-times';
import { defaultThreadCount } from '../../models/onnx';
import { siblingModuleUrl } from '../../util/fork-module';
import { spawnModuleWorker } from '../../util/worker-spawn';
import type { FromDetectorThread, ToDetectorThread } from './detector-thread-protocol';
import type { LoadedDetector } from '../load-models';

interface Pending {
  resolve(boxes: Box[][]): void;
  reject(error: Error): void;
}

export interface ThreadedDetector extends LoadedDetector {
  manifest: ModelManifest;
  provider: string;
  readonly times: ModelCallTimes;
  /** The model input's [width, height] in pixels. */
  readonly inputSize: readonly [number, number];
}

/**
 * Intra-op threads of each model when the detector runs on its own thread and both models run at
 * once. The detector is on the critical path (it runs ahead of the pose stage, and with tiles on
 * several images a frame), so it may use every core; the pose model gets half of them (at least
 * one). Idle intra-op threads sleep (sessions do not spin), so the overlap costs little (figures
 * in the README's Benchmarks).
 */
export function concurrentModelThreads(cores = defaultThreadCount()): { detector: number; pose: number } {
  return { detector: Math.max(1, cores), pose: Math.max(1, Math.floor(cores / 2)) };
}

/** Starts the thread and loads the detector there; rejects with the loading error. */
export function createThreadedDetector(options: DetectorOptions): Promise<ThreadedDetector> {
  const { onWarning, ...portable } = options;
  const worker = spawnModuleWorker(siblingModuleUrl('detector-worker', import.meta.url), { workerData: portable });
  return new Promise((resolve, reject) => {
    const proxy = new DetectorProxy(worker, onWarning);
    proxy.loaded.then(
      () => resolve(proxy),
      (error: Error) => {
        void worker.terminate();
        reject(error);
      },
    );
  });
}

class DetectorProxy implements ThreadedDetector {
  manifest!: ModelManifest;
  provider = 'cpu';
  times = emptyCallTimes();
  inputSize: readonly [number, number] = [0, 0];
  readonly loaded: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;
  private disposing: Promise<void> | null = null;
  private onDisposed: (() => void) | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly onWarning?: (message: string) => void,
  ) {
    this.loaded = new Promise((resolve, reject) => {
      worker.on('message', (message: FromDetectorThread) => this.receive(message, resolve, reject));
      // A thread that throws reports 'error' and then 'exit': the first, more telling one stays.
      const fail = (error: Error) => {
        this.failure ??= error;
        reject(this.failure);
        for (const { reject: rejectCall } of this.pending.values()) rejectCall(this.failure);
        this.pending.clear();
        this.onDisposed?.();
      };
      worker.on('error', (error) => fail(new Error(`The detector thread failed: ${error.message}`)));
      worker.on('exit', (code) =>
        fail(
          new Error(
            this.disposing ? 'The detector has been disposed.' : `The detector thread ended (exit code ${code}).`,
          ),
        ),
      );
    });
  }

  private receive(message: FromDetectorThread, ready: () => void, failed: (error: Error) => void): void {
    switch (message.kind) {
      case 'ready':
        this.manifest = message.manifest;
        this.provider = message.provider;
        this.inputSize = message.inputSize;
        ready();
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
        if (message.kind === 'boxes') {
          this.times = message.times;
          call?.resolve(message.boxes);
        } else call?.reject(new Error(message.message));
      }
    }
  }

  async detect(frame: Frame, options: DetectViewsOption = {}): Promise<Box[]> {
    return (await this.detectFrames([{ frame, ...options }]))[0];
  }

  detectFrames(requests: readonly DetectRequest[]): Promise<Box[][]> {
    if (this.disposing) return Promise.reject(new Error('The detector has been disposed.'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: ToDetectorThread = {
      kind: 'detect',
      id,
      requests: requests.map((request) => ({ ...request, frame: portableFrame(request.frame) })),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  dispose(): Promise<void> {
    this.disposing ??= new Promise<void>((resolve) => {
      if (this.failure) return resolve();
      this.onDisposed = resolve;
      this.worker.postMessage({ kind: 'dispose' } satisfies ToDetectorThread);
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.disposing;
  }
}

/**
 * The frame as it crosses to the thread: pixels in shared memory go as they are; others are cut
 * to their own bytes, since cloning a view copies its whole underlying buffer.
 */
export function portableFrame(frame: Frame): Frame {
  const { index, timestampMs, width, height, rgb, downscaled } = frame;
  return {
    index,
    timestampMs,
    width,
    height,
    rgb: portablePixels(rgb),
    ...(downscaled && { downscaled: { ...downscaled, rgb: portablePixels(downscaled.rgb) } }),
  };
}

function portablePixels(rgb: Uint8Array): Uint8Array {
  const shared = typeof SharedArrayBuffer !== 'undefined' && rgb.buffer instanceof SharedArrayBuffer;
  const whole = rgb.byteOffset === 0 && rgb.byteLength === rgb.buffer.byteLength;
  return shared || whole ? rgb : rgb.slice();
}
