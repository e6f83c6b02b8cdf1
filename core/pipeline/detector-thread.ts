/**
 * The person detector on a thread of its own. ONNX Runtime's session.run blocks the thread that
 * calls it, so with both models on the pipeline's thread nothing overlaps: the detector's letterbox,
 * model call and box decoding would wait for the pose model and the tracker, and the other way
 * round. On its own thread the detector works on the next frames while the pose stage works on
 * the current one. Frames whose pixels are in a SharedArrayBuffer (the decoder's frame pool) are
 * shared, not copied.
 */
import type { Box, Frame } from '../types';
import type { DetectRequest, DetectViewsOption, DetectorOptions } from '../detect/detector';
import type { ModelManifest } from '../models/manifest';
import type { ModelCallTimes } from '../models/call-times';
import { defaultThreadCount } from '../models/onnx';
import type { LoadedDetector } from './load-models';
import { portableFrame, startModelThread, type ModelThread } from './model-thread';

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
 * one). Idle intra-op threads sleep (sessions do not spin), so the overlap costs little: on two
 * cores this was 5% faster than one thread each with tiles, and the same without.
 */
export function concurrentModelThreads(cores = defaultThreadCount()): { detector: number; pose: number } {
  return { detector: Math.max(1, cores), pose: Math.max(1, Math.floor(cores / 2)) };
}

/** What the detector's thread reports once the model has loaded. */
export interface DetectorReady {
  manifest: ModelManifest;
  provider: string;
  inputSize: [number, number];
}

/** Starts the thread and loads the detector there; rejects with the loading error. */
export async function createThreadedDetector(options: DetectorOptions): Promise<ThreadedDetector> {
  const { onWarning, ...portable } = options;
  const { thread, ready } = await startModelThread<DetectorReady, DetectRequest[], Box[][]>('detector-worker', portable, 'detector', onWarning);
  return new DetectorProxy(thread, ready);
}

class DetectorProxy implements ThreadedDetector {
  readonly manifest: ModelManifest;
  readonly provider: string;
  readonly inputSize: readonly [number, number];

  constructor(private readonly thread: ModelThread<DetectRequest[], Box[][]>, ready: DetectorReady) {
    ({ manifest: this.manifest, provider: this.provider, inputSize: this.inputSize } = ready);
  }

  get times(): ModelCallTimes {
    return this.thread.times;
  }

  async detect(frame: Frame, options: DetectViewsOption = {}): Promise<Box[]> {
    return (await this.detectFrames([{ frame, ...options }]))[0];
  }

  detectFrames(requests: readonly DetectRequest[]): Promise<Box[][]> {
    return this.thread.call(requests.map((request) => ({ ...request, frame: portableFrame(request.frame) })));
  }

  dispose(): Promise<void> {
    return this.thread.dispose();
  }
}
