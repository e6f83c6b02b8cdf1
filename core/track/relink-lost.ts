import type { Pose } from '../types';
import type { Appearance } from './appearance';
import { compareAppearance } from './appearance-verdict';
import type { TrackerOptions } from './options';
import { poseShapeSimilarity } from './pose-shape';
import { relinkCost } from './relink-cost';
import { predictedWholeBox, type Track } from './track-state';
import { isPartialView } from './whole-view';

/** Cost difference under which two lost tracks fit a pose equally well. */
const AMBIGUITY_MARGIN = 0.05;

export interface ReturningPose {
  /** Index of the pose in the frame. */
  index: number;
  pose: Pose;
  appearance: Appearance | null;
}

/**
 * The lost-track stage: poses nobody claimed are compared with the tracks lost so far (any time
 * within maxAgeFrames) at the track's damped-motion prediction, by relinkCost (position inside a
 * gate that widens with the time lost, pose shape, appearance). Pairs are taken cheapest first —
 * each pose and track once; as in the active stage, greedy keeps the clearly right pairs and
 * leaves doubtful ones (two tracks within AMBIGUITY_MARGIN) to new ids. Returns [pose index, track] pairs.
 */
export function matchLostTracks(
  frameIndex: number,
  returning: readonly ReturningPose[],
  lost: readonly Track[],
  options: TrackerOptions,
): [number, Track][] {
  const pairs: [cost: number, pose: ReturningPose, track: Track][] = [];
  for (const track of lost) {
    // From the person's last whole view: the partial ones since (a box shrinking behind an
    // occluder, joints guessed on it) say where the occluder is, not where the person went.
    const gapFrames = frameIndex - track.whole.frameIndex - 1;
    const predictedBox = predictedWholeBox(track, frameIndex, options.motionDampingPerFrame);
    for (const candidate of returning) {
      // Position alone cannot tell a returning person from someone else after seconds apart: without
      // colours on both sides the pair is left to stitching, which sees whole pieces.
      if (!track.appearance || !candidate.appearance) continue;
      const score = relinkCost(
        {
          predictedBox,
          box: candidate.pose.box,
          heightPx: track.usual.heightPx,
          gapFrames,
          // A person coming out from behind something shows part of their body at first, with
          // joints guessed on what hides the rest: their pose shape says nothing yet.
          shape: isPartialView(candidate.pose, track.usual)
            ? null
            : poseShapeSimilarity(track.whole.pose.keypoints, candidate.pose.keypoints, options.minKeypointScore),
          appearance: compareAppearance(track.appearance, candidate.appearance, 'long', options),
        },
        options,
      );
      if (score) pairs.push([score.cost, candidate, track]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1].index - b[1].index || a[2].id - b[2].id);
  // A pose that two lost tracks fit about equally well is left alone: a new id now, and
  // stitching decides later with everything seen of both pieces.
  const costsOf = new Map<number, number[]>();
  for (const [cost, candidate] of pairs) costsOf.set(candidate.index, [...(costsOf.get(candidate.index) ?? []), cost]);
  const ambiguous = new Set(
    [...costsOf].filter(([, costs]) => costs.length > 1 && costs[1] - costs[0] < AMBIGUITY_MARGIN).map(([p]) => p),
  );
  const usedPoses = new Set<number>(ambiguous);
  const usedTracks = new Set<Track>();
  const matches: [number, Track][] = [];
  for (const [, candidate, track] of pairs) {
    if (usedPoses.has(candidate.index) || usedTracks.has(track)) continue;
    usedPoses.add(candidate.index);
    usedTracks.add(track);
    matches.push([candidate.index, track]);
  }
  return matches;
}
