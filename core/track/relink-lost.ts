import type { Pose } from '../types';
import { appearanceSimilarity, type Appearance } from './appearance';
import { predictBox } from './motion';
import type { TrackerOptions } from './options';
import { poseShapeSimilarity } from './pose-shape';
import { relinkCost } from './relink-cost';
import type { Track } from './track-state';

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
 * leaves doubtful ones to new ids. Returns [pose index, track] pairs.
 */
export function matchLostTracks(
  frameIndex: number,
  returning: readonly ReturningPose[],
  lost: readonly Track[],
  options: TrackerOptions,
): [number, Track][] {
  const pairs: [cost: number, pose: ReturningPose, track: Track][] = [];
  for (const track of lost) {
    const gapFrames = frameIndex - track.lastFrameIndex - 1;
    const predictedBox = predictBox(track.lastPose.box, track.motion, frameIndex - track.lastFrameIndex, options.motionDampingPerFrame);
    for (const candidate of returning) {
      const score = relinkCost(
        {
          predictedBox,
          box: candidate.pose.box,
          heightPx: track.heightPx,
          gapFrames,
          shape: poseShapeSimilarity(track.lastPose.keypoints, candidate.pose.keypoints, options.minKeypointScore),
          appearance: track.appearance && candidate.appearance ? appearanceSimilarity(track.appearance, candidate.appearance) : null,
        },
        options,
      );
      if (score) pairs.push([score.cost, candidate, track]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1].index - b[1].index || a[2].id - b[2].id);
  const usedPoses = new Set<number>();
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
