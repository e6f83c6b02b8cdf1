/**
 * The detector's own thread (started by detector-thread.ts): loads the detector named in
 * workerData and answers detect requests in order.
 */
import { workerData } from 'node:worker_threads';
import { createDetector, type DetectRequest, type DetectorOptions } from '../detect/detector';
import type { Box } from '../types';
import { serveModelThread } from './model-thread-serve';
import type { DetectorReady } from './detector-thread';

const options = workerData as Omit<DetectorOptions, 'onWarning'>;

serveModelThread<DetectorReady, DetectRequest[], Box[][]>(async (onWarning) => {
  const detector = await createDetector({ ...options, onWarning });
  return {
    ready: { manifest: detector.manifest, provider: detector.provider, inputSize: [...detector.inputSize] },
    model: { run: (requests) => detector.detectFrames(requests), times: () => detector.times, dispose: () => detector.dispose() },
  };
});
