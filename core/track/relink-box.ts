import type { Pose } from '../types';
import { boxCentreDistance } from './box-distance';
import type { TrackerOptions } from './options';
import { predictedWholeBox, unseenFrames, type Track } from './track-state';

/**
 * Stage 3: a pose still unmatched continues the unmatched track inside the re-link window whose
 * last box is near (boxRelinkMaxCentreDistance) when every other live track — matched or not,
 * lost or not, at its last box or at its motion-predicted one — is boxRelinkMinDistanceRatio
 * times farther.
 * Nearest pairs first. Returns the poses so linked.
 */
export function relinkByBox(
  frameIndex: number,
  poses: readonly Pose[],
  poseIndices: readonly number[],
  tracks: readonly Track[],
  trackOfPose: (Track | undefined)[],
  options: TrackerOptions,
  /** Whether pose p's colours clearly differ from the track's (a short-gap veto). */
  coloursDisagree: (track: Track, p: number) => boolean,
): Set<number> {
  const { relinkMaxFrames, boxRelinkMaxCentreDistance, boxRelinkMinDistanceRatio, motionDampingPerFrame } = options;
  const relinked = new Set<number>();
  const taken = new Set(trackOfPose.filter((t): t is Track => t !== undefined));
  // Where each live track is now: this frame's box when matched, else its last box. A track is
  // re-linked where it was last seen (the person changed pose but not place); everyone else also
  // counts where their motion may have carried them since, so that a person coming out from
  // behind something where another vanished is not taken for them while their own track is
  // expected there.
  const boxOf = new Map(tracks.map((t) => [t, t.lastPose.box]));
  trackOfPose.forEach((t, p) => t && boxOf.set(t, poses[p].box));
  const isMatched = new Set(trackOfPose);
  const predicted = new Map(tracks.map((t) => [t, predictedWholeBox(t, frameIndex, motionDampingPerFrame)]));
  const pairs: [distance: number, pose: number, track: Track][] = [];
  poseIndices.forEach((p) => {
    if (trackOfPose[p]) return;
    const pose = poses[p];
    const atLast = tracks
      .map((t) => [boxCentreDistance(pose.box, boxOf.get(t)!), t] as const)
      .sort((a, b) => a[0] - b[0]);
    if (atLast.length === 0) return;
    const [nearest, track] = atLast[0];
    if (taken.has(track) || unseenFrames(track, frameIndex) > relinkMaxFrames || coloursDisagree(track, p)) return;
    if (nearest > boxRelinkMaxCentreDistance) return;
    const othersNearest = Math.min(
      ...atLast
        .slice(1)
        .map(([d, t]) => (isMatched.has(t) ? d : Math.min(d, boxCentreDistance(pose.box, predicted.get(t)!)))),
    );
    if (othersNearest < boxRelinkMinDistanceRatio * nearest) return;
    pairs.push([nearest, p, track]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, p, track] of pairs) {
    if (taken.has(track)) continue;
    taken.add(track);
    trackOfPose[p] = track;
    relinked.add(p);
  }
  return relinked;
}
