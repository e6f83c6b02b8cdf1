/**
 * The detector's own thread (started by detector-thread.ts): loads the detector named in
 * workerData and answers detect requests in order. Frames arrive over shared memory when their
 * pixels live in a SharedArrayBuffer (the decoder's frame pool), else as a copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDetector, type Detector, type DetectorOptions } from '../../detect/detector';
import type { FromDetectorThread, ToDetectorThread } from './detector-thread-protocol';

const port = parentPort;
if (!port) throw new Error('detector-worker must run in a worker thread.');
const post = (message: FromDetectorThread) => port.postMessage(message);
const options = workerData as Omit<DetectorOptions, 'onWarning'>;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let detector: Detector | null = null;
const loading = createDetector({ ...options, onWarning: (message) => post({ kind: 'warning', message }) }).then(
  (loaded) => {
    detector = loaded;
    post({ kind: 'ready', manifest: loaded.manifest, provider: loaded.provider, inputSize: [...loaded.inputSize] });
  },
  (error: unknown) => post({ kind: 'failed', message: messageOf(error) }),
);

/** Answers one request; never throws, so one failure cannot stop the requests after it. */
async function handle(message: ToDetectorThread): Promise<void> {
  await loading;
  if (message.kind === 'dispose') {
    await detector?.dispose().catch(() => undefined);
    detector = null;
    post({ kind: 'disposed' });
    return;
  }
  try {
    if (!detector) throw new Error('The detector is not loaded.');
    const boxes = await detector.detectFrames(message.requests);
    post({ kind: 'boxes', id: message.id, boxes, times: detector.times });
  } catch (error) {
    post({ kind: 'error', id: message.id, message: messageOf(error) });
  }
}

// Requests are handled one at a time, in the order they came.
let chain: Promise<void> = Promise.resolve();
port.on('message', (message: ToDetectorThread) => {
  chain = chain.then(() => handle(message));
});
