/**
 * Runs async jobs one at a time, in call order. Detector and pose estimator refill preallocated
 * tensors for every call; ONNX Runtime reads them only when the run actually starts, so two
 * overlapping calls on one instance would overwrite each other's input. Serialising keeps the
 * buffers safe without giving each call its own allocation.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
