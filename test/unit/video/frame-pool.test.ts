/** Frame buffers given back are reused for later frames; fixedSizeChunks takes its buffers from a pool. */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { FrameBufferPool } from '../../../core/video/frame-pool';
import { fixedSizeChunks } from '../../../core/video/frames';

describe('FrameBufferPool', () => {
  it('reuses a given-back buffer of the same size only, and caps its idle buffers', () => {
    const pool = new FrameBufferPool(2);
    const a = pool.take(12);
    pool.give(a);
    pool.give(a); // twice: kept once
    expect(pool.idle).toBe(1);
    expect(pool.take(6)).not.toBe(a);
    expect(pool.take(12)).toBe(a);
    pool.give(Buffer.alloc(12));
    pool.give(Buffer.alloc(12));
    pool.give(Buffer.alloc(12));
    expect(pool.idle).toBe(2);
    pool.give(new Uint8Array(12)); // not a Buffer of ours
    expect(pool.idle).toBe(2);
  });
});

describe('fixedSizeChunks with a pool', () => {
  it('cuts frames into pooled buffers, reusing those the consumer gave back', async () => {
    const bytes = Uint8Array.from({ length: 5 * 6 }, (_, i) => i);
    // Chunks that straddle frame boundaries, as a pipe delivers them.
    const stream = Readable.from(
      [bytes.subarray(0, 4), bytes.subarray(4, 17), bytes.subarray(17)].map((c) => Buffer.from(c)),
    );
    const pool = new FrameBufferPool();
    const seen = new Set<Uint8Array>();
    const frames: number[][] = [];
    for await (const frame of fixedSizeChunks(stream, 6, (size) => pool.take(size))) {
      frames.push([...frame]);
      seen.add(frame);
      pool.give(frame);
    }
    expect(frames).toEqual(Array.from({ length: 5 }, (_, f) => Array.from({ length: 6 }, (_, i) => f * 6 + i)));
    // The cutter holds up to two frames ahead, so a few buffers circulate, never one per frame.
    expect(seen.size).toBeLessThan(5);
  });
});
