import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../core/pipeline/bounded-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('BoundedQueue', () => {
  it('delivers items in order and ends after close', async () => {
    const queue = new BoundedQueue<number>(2);
    const producer = (async () => {
      for (let i = 0; i < 10; i += 1) await queue.push(i);
      queue.close();
    })();
    const received: number[] = [];
    for await (const item of queue) received.push(item);
    await producer;
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('makes the producer wait while the queue is full', async () => {
    const queue = new BoundedQueue<number>(3);
    let pushed = 0;
    void (async () => {
      for (let i = 0; i < 10; i += 1) {
        await queue.push(i);
        pushed += 1;
      }
    })();
    await tick();
    expect(pushed).toBe(3);
    expect(queue.size).toBe(3);
    const iterator = queue[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(0);
    await tick();
    expect(pushed).toBe(4);
  });

  it('rejects a waiting producer and the reader with an AbortError when the signal fires', async () => {
    const controller = new AbortController();
    const queue = new BoundedQueue<number>(1, controller.signal);
    await queue.push(1);
    const blocked = queue.push(2);
    controller.abort();
    await expect(blocked).rejects.toMatchObject({ name: 'AbortError' });
    const reader = (async () => {
      for await (const _ of queue) void _;
    })();
    await expect(reader).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects an invalid capacity with a clear message', () => {
    expect(() => new BoundedQueue(0)).toThrow('Invalid queue capacity 0. Should be an integer ≥ 1.');
  });
});
