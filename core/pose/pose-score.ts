/** Keypoints below this score are left out of the pose score (unless none pass). */
export const POSE_SCORE_MIN_KEYPOINT = 0.2;

/**
 * Pose score = mean of the keypoint scores above `minKeypointScore` (all of them when none pass)
 * × the box score, so a confident box with a few sure joints outranks a vague full-body guess.
 */
export function poseScore(
  keypointScores: ArrayLike<number>,
  boxScore: number,
  minKeypointScore = POSE_SCORE_MIN_KEYPOINT,
): number {
  let sum = 0;
  let count = 0;
  let sumAll = 0;
  for (let i = 0; i < keypointScores.length; i++) {
    const score = keypointScores[i];
    sumAll += score;
    if (score > minKeypointScore) {
      sum += score;
      count++;
    }
  }
  if (keypointScores.length === 0) return 0;
  const mean = count > 0 ? sum / count : sumAll / keypointScores.length;
  return mean * boxScore;
}
