import type { Box } from '../types';
import { meanKeypointScore } from '../keypoints/mean-score';
import { boxFromKeypoints } from './box-from-keypoints';
import { edgesNear } from '../track/box-distance';
import type { CandidateBox, PropagationSource } from './types';
import {
  PROPAGATION_BOX_ENLARGE,
  PROPAGATION_CONFIDENT_MEAN_KEYPOINT_SCORE,
  PROPAGATION_MAX_DETECTOR_MISSES,
  PROPAGATION_MAX_WEAK_DETECTOR_MISSES,
  PROPAGATION_MIN_MEAN_KEYPOINT_SCORE,
  PROPAGATION_MIN_VISIBLE_KEYPOINTS,
  PROPAGATION_WEAK_EDGE_MARGIN,
} from './constants';

export interface PropagateOptions {
  /** Image size in pixels, [width, height]. */
  imageSize: [width: number, height: number];
  /** Keypoints scoring below this do not shape the box. */
  minKeypointScore: number;
  enlarge?: number;
  minVisibleKeypoints?: number;
  /** Poses below this mean keypoint score are never propagated. */
  minMeanKeypointScore?: number;
  /** Poses at or above this are propagated as an enlarged keypoint box; weaker ones may coast. */
  confidentMeanKeypointScore?: number;
  maxDetectorMisses?: number;
  /** A weak pose coasts only while its box's detector-miss count is below this. */
  maxWeakDetectorMisses?: number;
  /** A weak pose coasts only when its box keeps this fraction of the image size from every edge. */
  weakEdgeMargin?: number;
}

/**
 * Boxes for the next frame from this frame's poses (the PoseTrack "box propagation" of the HRNet
 * pipeline): a person the detector misses in the next frame is still handed to the pose model.
 *
 * A confident pose gives the enlarged box around its keypoints. A weak pose (mean keypoint score
 * between `minMeanKeypointScore` and `confidentMeanKeypointScore`) that itself came from a
 * propagated box *coasts*: its box is handed on unchanged, its keypoints being too unsure to
 * shape one. The pose model scores a real person low for a while in glare, motion blur or an
 * unusual pose (a back flip), and without coasting that person drops out until the detector finds
 * them again. Coasting is bounded so a person who left does not live on: never at the image edge
 * (where people leave), never for a detector box (a weak pose there is a body part or texture, not
 * a person seen before), and only for `maxWeakDetectorMisses` detector runs without a detection.
 *
 * Stale sources are dropped: a pose whose mean keypoint score collapsed below the minimum, or
 * whose box the detector has already missed `maxDetectorMisses` times in a row, yields no box.
 */
export function propagateBoxes(sources: readonly PropagationSource[], options: PropagateOptions): CandidateBox[] {
  const minMeanScore = options.minMeanKeypointScore ?? PROPAGATION_MIN_MEAN_KEYPOINT_SCORE;
  const confidentScore = Math.max(
    minMeanScore,
    options.confidentMeanKeypointScore ?? PROPAGATION_CONFIDENT_MEAN_KEYPOINT_SCORE,
  );
  const maxMisses = options.maxDetectorMisses ?? PROPAGATION_MAX_DETECTOR_MISSES;
  const boxes: CandidateBox[] = [];
  for (const { pose, detectorMisses } of sources) {
    if (detectorMisses >= maxMisses) continue;
    const meanScore = meanKeypointScore(pose.keypoints);
    if (meanScore < minMeanScore) continue;
    if (meanScore < confidentScore) {
      if (canCoast(pose.box, pose.source, detectorMisses, options)) {
        const { x, y, w, h } = pose.box;
        boxes.push({ x, y, w, h, score: meanScore, source: 'propagated', detectorMisses });
      }
      continue;
    }
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

/** Whether a weak pose's box may be handed on unchanged (see propagateBoxes). */
function canCoast(box: Box, source: string | undefined, detectorMisses: number, options: PropagateOptions): boolean {
  if (source !== 'propagated') return false;
  if (detectorMisses >= (options.maxWeakDetectorMisses ?? PROPAGATION_MAX_WEAK_DETECTOR_MISSES)) return false;
  return edgesNear(box, options.imageSize, options.weakEdgeMargin ?? PROPAGATION_WEAK_EDGE_MARGIN).length === 0;
}
