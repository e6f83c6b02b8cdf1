/**
 * The optional person re-ID model of a run (`--reid-model`): loaded beside the detector and the
 * pose model, it describes each pose by an embedding that the tracker then compares instead of
 * the colours along the skeleton.
 */
import type { Frame, Pose } from '../types';
import { createPersonEmbedder, type PersonEmbedder, type PersonEmbedderOptions } from '../pose/reid-embedder';
import type { PoseTracker } from '../track/tracker';
import type { ReidFactoryOptions } from './build-stages';
import type { FrameTracker } from './types';
import { findManifest } from '../models/registry';
import { findInstalledModel } from '../models/store';

/** The one line a run without its re-ID model prints (`why` replaces "is not installed" and its remedy). */
export function reidMissingNote(id: string, why?: string): string {
  const reason = why ?? 'is not installed';
  const remedy = why ? '' : ` (\`posetrail models download ${id}\` installs it)`;
  return `re-ID model ${id} ${reason}: people are told apart by their colours${remedy}.`;
}

/**
 * The run's re-ID model, or undefined when none was chosen. A known model that is not installed
 * (offline, or `--no-download` before its first use) leaves the run to the colours, with a one-line
 * warning saying how to install it; an unknown id or a broken file still fails the run.
 */
export async function loadReidModel(
  options: ReidFactoryOptions,
  create: (options: PersonEmbedderOptions) => Promise<PersonEmbedder> = createPersonEmbedder,
): Promise<PersonEmbedder | undefined> {
  const { onWarning, ...settings } = options;
  if (!settings.reidModel) return undefined;
  const manifest = findManifest(settings.reidModel);
  if (manifest && !(await findInstalledModel(manifest))) {
    onWarning(reidMissingNote(manifest.id));
    return undefined;
  }
  return create({ model: settings.reidModel, device: settings.device, threads: settings.threads, onWarning });
}

/** The tracker fed each frame's embeddings first; the tracker itself when there is no re-ID model. */
export function withEmbeddings(tracker: PoseTracker, embedder: PersonEmbedder | undefined): FrameTracker {
  if (!embedder) return tracker;
  return {
    async update(frameIndex: number, poses: readonly Pose[], frame?: Frame) {
      const embeddings =
        frame && poses.length > 0
          ? await embedder.embed(
              frame,
              poses.map((p) => p.box),
            )
          : undefined;
      return tracker.update(frameIndex, poses, frame, embeddings);
    },
  };
}
