/**
 * Where one model's time goes during a run: preparing its inputs (letterbox, tiles, crops),
 * the runtime's own calls, and decoding its outputs (boxes and NMS, heatmaps). The runner adds
 * them to its per-stage breakdown; the pipeline bench compares the calls with bare calls of the
 * same batch sizes.
 */
export interface ModelCallTimes {
  preMs: number;
  modelMs: number;
  postMs: number;
  /** session.run calls, and the images (frames, tiles, crops) they held. */
  calls: number;
  images: number;
  /** Calls by batch size, e.g. { "1": 230 }. */
  callsByBatch: Record<string, number>;
}

export function emptyCallTimes(): ModelCallTimes {
  return { preMs: 0, modelMs: 0, postMs: 0, calls: 0, images: 0, callsByBatch: {} };
}

/** Counts one model call of `batch` images that took `modelMs`. */
export function recordModelCall(times: ModelCallTimes, batch: number, modelMs: number): void {
  times.modelMs += modelMs;
  times.calls += 1;
  times.images += batch;
  times.callsByBatch[batch] = (times.callsByBatch[batch] ?? 0) + 1;
}
