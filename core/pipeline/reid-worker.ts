/**
 * The re-ID model's own thread (started by reid-thread.ts): loads the model named in workerData
 * and answers embed requests in order, then releases the session and exits on 'dispose'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPersonEmbedder, type PersonEmbedder, type PersonEmbedderOptions } from '../pose/reid-embedder';
import type { FromReidThread, ToReidThread } from './reid-thread';

const port = parentPort;
if (!port) throw new Error('reid-worker must run in a worker thread.');
const post = (message: FromReidThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let embedder: PersonEmbedder | null = null;
const loading = createPersonEmbedder({
  ...(workerData as Omit<PersonEmbedderOptions, 'onWarning'>),
  onWarning: (message) => post({ kind: 'warning', message }),
}).then(
  (loaded) => {
    embedder = loaded;
    post({ kind: 'ready', manifest: loaded.manifest, provider: loaded.provider });
  },
  (error: unknown) => post({ kind: 'failed', message: messageOf(error) }),
);

/** Answers one request; never throws, so one failure cannot stop the requests after it. */
async function handle(message: ToReidThread): Promise<void> {
  await loading;
  if (message.kind === 'dispose') {
    await embedder?.dispose().catch(() => undefined);
    port!.close();
    return;
  }
  try {
    if (!embedder) throw new Error('The re-ID model is not loaded.');
    const embeddings = await embedder.embed(message.frame, message.boxes);
    const buffers = [...new Set(embeddings.map((e) => e.buffer as ArrayBuffer))];
    post({ kind: 'embeddings', id: message.id, embeddings, times: embedder.times! }, buffers);
  } catch (error) {
    post({ kind: 'error', id: message.id, message: messageOf(error) });
  }
}

let chain: Promise<void> = Promise.resolve();
port.on('message', (message: ToReidThread) => {
  chain = chain.then(() => handle(message));
});
