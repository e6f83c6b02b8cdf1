/** Helpers of the pipeline bench: bare model calls, and which frames hold how many people. */
import { median } from './context';

const BARE_CALLS = 60;

/**
 * Median ms of one bare session.run of `batch` zero-filled images (the model's declared shapes),
 * with `threads` intra-op threads (default: every core).
 */
export async function bareCallMs(modelId: string, batch: number, threads?: number): Promise<number> {
  const { loadModel } = await import('../../core/models/load-model');
  const { session } = await loadModel(modelId, { device: 'cpu', threads });
  try {
    const feeds = Object.fromEntries(session.inputNames.map((name) => {
      const dims = session.inputShapes[name].map((d, axis) => (typeof d === 'number' ? d : axis === 0 ? batch : 1));
      return [name, { type: 'float32' as const, data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }];
    }));
    await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < BARE_CALLS; i++) {
      const started = performance.now();
      await session.run(feeds);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await session.dispose();
  }
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
  for (const annotation of document.annotations) perImage.set(annotation.image_id, (perImage.get(annotation.image_id) ?? 0) + 1);
  const spanOf = (people: number): FrameSpan => {
    const frames = document.images.flatMap((image, frame) => ((perImage.get(image.id) ?? 0) >= people ? [frame] : []));
    return { first: frames[0] ?? -1, last: frames.at(-1) ?? -1, count: frames.length };
  };
  return { 1: spanOf(1), 2: spanOf(2) };
}
