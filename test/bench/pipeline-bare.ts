/** Helpers of the pipeline bench: bare model calls, and which frames hold how many people. */
import { median } from './context';

const BARE_CALLS = 60;

export interface BareTiming {
  /** Median wall ms of one call. */
  medianMs: number;
  /** Process CPU ms per call (user + system over all the timed calls). */
  cpuMs: number;
}

/** One model at one batch size: wall ms with every core, CPU ms at one thread. */
export interface BareCall {
  allCoresMs: number;
  oneThreadCpuMs: number;
}

/**
 * Bare session.run of `batch` zero-filled images (the model's declared shapes), with `threads`
 * intra-op threads (default: every core): the median wall ms and the CPU ms per call.
 */
export async function bareCall(modelId: string, batch: number, threads?: number): Promise<BareTiming> {
  const { loadModel } = await import('../../core/models/load-model');
  const { session } = await loadModel(modelId, { device: 'cpu', threads });
  try {
    const feeds = Object.fromEntries(
      session.inputNames.map((name) => {
        const dims = session.inputShapes[name].map((d, axis) => (typeof d === 'number' ? d : axis === 0 ? batch : 1));
        return [name, { type: 'float32' as const, data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }];
      }),
    );
    await session.run(feeds);
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < BARE_CALLS; i++) {
      const started = performance.now();
      await session.run(feeds);
      times.push(performance.now() - started);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { medianMs: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / BARE_CALLS };
  } finally {
    await session.dispose();
  }
}

/** Median wall ms of one bare call with every core (see bareCall). */
export async function bareCallMs(modelId: string, batch: number, threads?: number): Promise<number> {
  return (await bareCall(modelId, batch, threads)).medianMs;
}

export interface FrameSpan {
  first: number;
  last: number;
  count: number;
}

/** Frames (PoseTrack 2018 image order) with at least one and at least two poses. */
export type Presence = Record<1 | 2, FrameSpan>;

export function peoplePresence(document: { images: { id: number }[]; annotations: { image_id: number }[] }): Presence {
  const perImage = new Map<number, number>();
  for (const annotation of document.annotations)
    perImage.set(annotation.image_id, (perImage.get(annotation.image_id) ?? 0) + 1);
  const spanOf = (people: number): FrameSpan => {
    const frames = document.images.flatMap((image, frame) => ((perImage.get(image.id) ?? 0) >= people ? [frame] : []));
    return { first: frames[0] ?? -1, last: frames.at(-1) ?? -1, count: frames.length };
  };
  return { 1: spanOf(1), 2: spanOf(2) };
}
