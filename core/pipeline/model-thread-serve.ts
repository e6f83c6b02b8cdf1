/**
 * The worker side of a model thread (see model-thread.ts): loads the model, then answers calls
 * one at a time, in the order they came. Frames arrive over shared memory when their pixels live
 * in a SharedArrayBuffer (the decoder's frame pool), else as a copy.
 */
import { parentPort } from 'node:worker_threads';
import type { ModelCallTimes } from '../models/call-times';
import type { FromModelThread, ToModelThread } from './model-thread';

/** A loaded model as its thread serves it. */
export interface ServedModel<Request, Result> {
  run(request: Request): Promise<Result>;
  /** The model's time so far (sent back with every answer). */
  times(): ModelCallTimes;
  dispose(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function serveModelThread<Ready, Request, Result>(
  load: (onWarning: (message: string) => void) => Promise<{ ready: Ready; model: ServedModel<Request, Result> }>,
): void {
  const port = parentPort;
  if (!port) throw new Error('A model thread must run in a worker thread.');
  const post = (message: FromModelThread<Ready, Result>) => port.postMessage(message);
  let model: ServedModel<Request, Result> | null = null;
  const loading = load((message) => post({ kind: 'warning', message })).then(
    (loaded) => {
      model = loaded.model;
      post({ kind: 'ready', ready: loaded.ready });
    },
    (error: unknown) => post({ kind: 'failed', message: messageOf(error) }),
  );

  /** Answers one message; never throws, so one failure cannot stop the calls after it. */
  const handle = async (message: ToModelThread<Request>): Promise<void> => {
    await loading;
    if (message.kind === 'dispose') {
      await model?.dispose().catch(() => undefined);
      model = null;
      post({ kind: 'disposed' });
      return;
    }
    try {
      if (!model) throw new Error('The model is not loaded.');
      const result = await model.run(message.request);
      post({ kind: 'result', id: message.id, result, times: model.times() });
    } catch (error) {
      post({ kind: 'error', id: message.id, message: messageOf(error) });
    }
  };

  let chain: Promise<void> = Promise.resolve();
  port.on('message', (message: ToModelThread<Request>) => {
    chain = chain.then(() => handle(message));
  });
}
