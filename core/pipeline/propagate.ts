import type { Keypoint } from '../types';
import { boxFromKeypoints } from './box-from-keypoints';
import type { CandidateBox, PropagationSource } from './types';
import {
  PROPAGATION_BOX_ENLARGE,
  PROPAGATION_MAX_DETECTOR_MISSES,
  PROPAGATION_MIN_MEAN_KEYPOINT_SCORE,
  PROPAGATION_MIN_VISIBLE_KEYPOINTS,
} from './constants';

export interface PropagateOptions {
  /** Image size in pixels, [width, height]. */
  imageSize: [width: number, height: number];
  /** Keypoints scoring below this do not shape the box. */
  minKeypointScore: number;
  enlarge?: number;
  minVisibleKeypoints?: number;
  minMeanKeypointScore?: number;
  maxDetectorMisses?: number;
}

/** Mean score over all keypoints: a pose whose person left the box scores low on every joint. */
export function meanKeypointScore(keypoints: readonly Keypoint[]): number {
  if (keypoints.length === 0) return 0;
  let sum = 0;
  for (const keypoint of keypoints) sum += keypoint[2];
  return sum / keypoints.length;
}

/**
 * Boxes for the next frame from this frame's poses (the PoseTrack "box propagation" of the HRNet
 * pipeline): a person the detector misses in the next frame is still handed to the pose model.
 * Stale sources are dropped so a person who leaves does not live forever: a pose whose mean
 * keypoint score collapsed, or whose box the detector has already missed `maxDetectorMisses`
 * times in a row, yields no box.
 */
export function propagateBoxes(sources: readonly PropagationSource[], options: PropagateOptions): CandidateBox[] {
  const minMeanScore = options.minMeanKeypointScore ?? PROPAGATION_MIN_MEAN_KEYPOINT_SCORE;
  const maxMisses = options.maxDetectorMisses ?? PROPAGATION_MAX_DETECTOR_MISSES;
  const boxes: CandidateBox[] = [];
  for (const { pose, detectorMisses } of sources) {
    if (detectorMisses >= maxMisses) continue;
    const meanScore = meanKeypointScore(pose.keypoints);
    if (meanScore < minMeanScore) continue;
    const box = boxFromKeypoints(pose.keypoints, {
      minKeypointScore: options.minKeypointScore,
      minVisibleKeypoints: options.minVisibleKeypoints ?? PROPAGATION_MIN_VISIBLE_KEYPOINTS,
      enlarge: options.enlarge ?? PROPAGATION_BOX_ENLARGE,
      imageSize: options.imageSize,
      score: meanScore,
    });
    if (box) boxes.push({ ...box, source: 'propagated', detectorMisses });
  }
  return boxes;
}
