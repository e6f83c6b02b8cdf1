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
import { boxIou } from '../detect/nms';
import { findManifest } from '../models/registry';
import { findInstalledModel } from '../models/store';

/** The one line a run without its re-ID model prints. */
export function reidMissingNote(id: string, why = 'is not installed'): string {
  return `re-ID model ${id} ${why}: people are told apart by their colours (\`posetrail models download ${id}\` installs it).`;
}

/**
 * The run's re-ID model, or undefined when none was chosen. A known model that is not installed
 * (offline, or `--no-download` before its first use) leaves the run to the colours, with a one-line
 * warning saying how to install it; an unknown id or a broken file still fails the run.
 */
export async function loadReidModel(
  settings: Pick<ResolvedTrackOptions, 'reidModel' | 'device' | 'threads'>,
  onWarning: (message: string) => void,
): Promise<PersonEmbedder | undefined> {
  if (!settings.reidModel) return undefined;
  const manifest = findManifest(settings.reidModel);
  if (manifest && !(await findInstalledModel(manifest))) {
    onWarning(reidMissingNote(manifest.id));
    return undefined;
  }
  return createPersonEmbedder({ model: settings.reidModel, device: settings.device, threads: settings.threads, onWarning });
}

/**
 * Updates between refreshes of the appearance of people followed frame to frame. All are due on
 * the same update, so a model with a fixed batch (the pinned OSNet file: 16 crops, about 15 times
 * a YOLOX-nano frame on a CPU whatever the number of people) runs once per refresh, not per frame.
 */
export const REID_REFRESH_UPDATES = 10;
/** A pose overlapping an active track's last box by this IoU is that person, followed. */
const FOLLOWED_MIN_IOU = 0.5;

/**
 * The tracker fed embeddings first; the tracker itself when there is no re-ID model. Embedded are
 * the poses nobody is following (a person coming back or new: the re-linking decisions need their
 * embedding now), and everyone every REID_REFRESH_UPDATES updates; the other poses get none.
 */
export function withEmbeddings(tracker: PoseTracker, embedder: PersonEmbedder | undefined): FrameTracker {
  if (!embedder) return tracker;
  let updates = 0;
  return {
    async update(frameIndex: number, poses: readonly Pose[], frame?: Frame) {
      const refresh = updates++ % REID_REFRESH_UPDATES === 0;
      const followed = tracker.liveTracks.filter((t) => t.state === 'active').map((t) => t.lastPose.box);
      const wanted = poses.flatMap((pose, p) => (refresh || !followed.some((box) => boxIou(box, pose.box) >= FOLLOWED_MIN_IOU) ? [p] : []));
      const embeddings = new Array<Float32Array | null>(poses.length).fill(null);
      if (frame && wanted.length > 0) {
        const embedded = await embedder.embed(frame, wanted.map((p) => poses[p].box));
        wanted.forEach((p, k) => (embeddings[p] = embedded[k]));
      }
      return tracker.update(frameIndex, poses, frame, embeddings);
    },
  };
}
