import { abortError } from '../util/abort';

/**
 * A first-in first-out channel between two pipeline stages with a fixed capacity: `push` waits
 * while the queue is full, so a fast producer (the decoder) runs at most `capacity` items ahead of
 * a slow consumer (inference) and memory stays flat however long the video is. One producer and
 * one consumer; the consumer reads with `for await`. When `signal` fires, every waiting and later
 * `push` / read rejects with an AbortError, which unwinds both stages.
 */
export class BoundedQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private readonly waitingReaders: (() => void)[] = [];
  private readonly waitingWriters: (() => void)[] = [];

  constructor(
    private readonly capacity: number,
    private readonly signal?: AbortSignal,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`Invalid queue capacity ${capacity}. Should be an integer ≥ 1.`);
    signal?.addEventListener('abort', () => this.wakeAll(), { once: true });
  }

  get size(): number {
    return this.items.length;
  }

  /** Adds an item, waiting for room first. */
  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity) {
      this.checkAborted();
      await new Promise<void>((resolve) => this.waitingWriters.push(resolve));
    }
    this.checkAborted();
    if (this.closed) throw new Error('Cannot push to a closed queue.');
    this.items.push(item);
    this.waitingReaders.shift()?.();
  }

  /** No more items: the reader finishes once the queue is drained. */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      this.checkAborted();
      if (this.items.length > 0) {
        const item = this.items.shift() as T;
        this.waitingWriters.shift()?.();
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => this.waitingReaders.push(resolve));
    }
  }

  private checkAborted(): void {
    if (this.signal?.aborted) throw abortError();
  }

  private wakeAll(): void {
    for (const wake of this.waitingReaders.splice(0)) wake();
    for (const wake of this.waitingWriters.splice(0)) wake();
  }
}
