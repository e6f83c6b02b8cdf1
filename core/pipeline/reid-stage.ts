/**
 * The optional person re-ID model of a run (`--reid-model`): loaded beside the detector and the
 * pose model, it describes each pose by an embedding that the tracker then compares instead of
 * the colours along the skeleton.
 */
import type { Frame, Pose } from '../types';
import { createPersonEmbedder, type PersonEmbedder } from '../pose/reid-embedder';
import type { PoseTracker } from '../track/tracker';
import type { ResolvedTrackOptions } from './track-options';
import type { FrameTracker } from './types';

/** The run's re-ID model, or undefined when none was chosen. */
export async function loadReidModel(
  settings: Pick<ResolvedTrackOptions, 'reidModel' | 'device' | 'threads'>,
  onWarning: (message: string) => void,
): Promise<PersonEmbedder | undefined> {
  if (!settings.reidModel) return undefined;
  return createPersonEmbedder({ model: settings.reidModel, device: settings.device, threads: settings.threads, onWarning });
}

/** The tracker fed each frame's embeddings first; the tracker itself when there is no re-ID model. */
export function withEmbeddings(tracker: PoseTracker, embedder: PersonEmbedder | undefined): FrameTracker {
  if (!embedder) return tracker;
  return {
    async update(frameIndex: number, poses: readonly Pose[], frame?: Frame) {
      const embeddings = frame && poses.length > 0 ? await embedder.embed(frame, poses.map((p) => p.box)) : undefined;
      return tracker.update(frameIndex, poses, frame, embeddings);
    },
  };
}
