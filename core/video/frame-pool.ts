/**
 * Pixel buffers handed back by the consumer once it is done with a frame, reused for later frames
 * of the same size: a 1768×994 RGB frame is 5.3 MB, and a fresh buffer per frame costs page faults
 * and garbage collection that the pipeline does not need. The buffers are shared memory, so a
 * frame can go to the detector's thread without a copy.
 */
export class FrameBufferPool {
  private readonly free: Buffer[] = [];

  /** Holds at most `maxFree` idle buffers; more given back are left to the garbage collector. */
  constructor(private readonly maxFree = 8) {}

  /** A buffer of `size` bytes, reused when one is free (its old contents are overwritten by the caller). */
  take(size: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length === size);
    return index >= 0 ? this.free.splice(index, 1)[0] : Buffer.from(new SharedArrayBuffer(size));
  }

  /** Gives back a frame's pixels; the caller must not touch them afterwards. */
  give(pixels: Uint8Array): void {
    if (Buffer.isBuffer(pixels) && this.free.length < this.maxFree && !this.free.includes(pixels))
      this.free.push(pixels);
  }

  get idle(): number {
    return this.free.length;
  }
}
