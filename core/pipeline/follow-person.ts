import type { Box, Frame, Pose } from '../types';
import { meanKeypointScore } from '../keypoints/mean-score';
import { oks } from '../track/oks';
import { PROPAGATION_MIN_MEAN_KEYPOINT_SCORE, POSE_NMS_MAX_OKS } from './constants';
import { propagateBoxes } from './propagate';
import type { PoseModel } from './types';

/**
 * Poses of a person the detector missed: the pose model on the box a reviewer drew, then frame
 * after frame on the box the propagate stage makes from the previous pose (the pipeline's own
 * rules: enlarged keypoint box, coasting of weak poses, edge margin), until the person is lost.
 */

export interface FollowPersonOptions {
  /** The frame of the drawn box first, then the frames to follow them in, ascending. */
  frames: AsyncIterable<Frame>;
  /** Drawn around the person, in image pixels. */
  box: Omit<Box, 'score'>;
  /** Frames after the first to follow them for at most. */
  followFrames: number;
  poseModel: PoseModel;
  /** Keypoints below this do not shape the next box (the run's threshold). */
  minKeypointScore: number;
  sigmas: readonly number[];
  /** Poses already in a frame (other tracks): following stops where the box drifted onto one of them, or where the track itself is present. */
  posesIn(frameIndex: number): { others: readonly Pose[]; trackPresent: boolean };
}

export interface FollowedPose {
  frameIndex: number;
  pose: Pose;
}

/** Why following stopped before `followFrames`, for the reviewer. */
export type FollowStop = 'lost' | 'track-present' | 'joined-other' | 'end-of-frames' | 'done';

export interface FollowResult {
  poses: FollowedPose[];
  stop: FollowStop;
  /** Mean keypoint score of the pose in the drawn box. */
  firstScore: number;
}

function sameAsOther(pose: Pose, others: readonly Pose[], options: FollowPersonOptions): boolean {
  return others.some(
    (other) =>
      oks(pose.keypoints, other.keypoints, other.box.w * other.box.h, options.sigmas, options.minKeypointScore) >=
      POSE_NMS_MAX_OKS,
  );
}

export async function followPerson(options: FollowPersonOptions): Promise<FollowResult> {
  const poses: FollowedPose[] = [];
  let box: Box | null = { ...options.box, score: 1 };
  let firstScore = 0;
  for await (const frame of options.frames) {
    const { others, trackPresent } = options.posesIn(frame.index);
    const first = poses.length === 0;
    if (!first && trackPresent) return { poses, stop: 'track-present', firstScore };
    const [pose] = await options.poseModel.estimate(frame, [box!]);
    const score = meanKeypointScore(pose.keypoints);
    if (first) firstScore = score;
    if (score < PROPAGATION_MIN_MEAN_KEYPOINT_SCORE) return { poses, stop: 'lost', firstScore };
    if (!first && sameAsOther(pose, others, options)) return { poses, stop: 'joined-other', firstScore };
    const source: Pose['source'] = first ? 'detector' : 'propagated';
    poses.push({ frameIndex: frame.index, pose: { ...pose, source } });
    if (poses.length > options.followFrames) return { poses, stop: 'done', firstScore };
    // Frames followed count as detector misses, so a weak pose coasts no longer than in a run.
    const [next] = propagateBoxes([{ pose: { ...pose, source }, detectorMisses: poses.length - 1 }], {
      imageSize: [frame.width, frame.height],
      minKeypointScore: options.minKeypointScore,
    });
    if (!next) return { poses, stop: 'lost', firstScore };
    box = { x: next.x, y: next.y, w: next.w, h: next.h, score: next.score };
  }
  return { poses, stop: poses.length > options.followFrames ? 'done' : 'end-of-frames', firstScore };
}
