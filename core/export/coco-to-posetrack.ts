import type { Keypoint } from '../types';

/** COCO-17 slots used below. */
const NOSE = 0;
const FACE = [0, 1, 2, 3, 4]; // nose, eyes, ears
const LEFT_SHOULDER = 5;
const RIGHT_SHOULDER = 6;
/** PoseTrack 2018 slots that differ from COCO-17. */
export const HEAD_BOTTOM = 1;
export const HEAD_TOP = 2;
const EARS = [3, 4];

/**
 * head_bottom (PoseTrack's neck) sits this fraction of the way from the shoulders' midpoint to the
 * face centre: just above the shoulder line, where annotators put it.
 */
export const HEAD_BOTTOM_FRACTION = 0.25;
/**
 * head_top lies beyond the face centre along neck → face, this many times the neck–face distance:
 * from the neck to eye/ear level is ~15 cm on an adult, from there to the crown ~11 cm.
 */
export const HEAD_TOP_EXTENSION = 0.7;

/** The slots of the PoseTrack layout that `cocoToPoseTrack` computes rather than copies. */
export const DERIVED_POSETRACK_SLOTS = ['head_bottom', 'head_top'] as const;

/** Score-weighted mean position of some keypoints, with their mean score; null if none scored. */
function weightedCentre(keypoints: readonly Keypoint[], slots: readonly number[]): Keypoint | null {
  let sx = 0;
  let sy = 0;
  let weight = 0;
  for (const i of slots) {
    const [x, y, s] = keypoints[i];
    if (!(s > 0)) continue;
    sx += x * s;
    sy += y * s;
    weight += s;
  }
  if (weight === 0) return null;
  return [sx / weight, sy / weight, weight / slots.length];
}

/**
 * Converts COCO-17 keypoints to the PoseTrack 2018 layout (same 17 slots, slot 1 = head_bottom,
 * slot 2 = head_top, ears never annotated). A COCO model has no neck or crown point, so:
 * - face centre F = score-weighted mean of nose, eyes and ears;
 * - shoulder centre M = score-weighted mean of both shoulders;
 * - head_bottom = M + 0.25·(F − M), head_top = F + 0.7·(F − head_bottom);
 * - their score is the lower of the face and shoulder mean scores (a derived point is no surer
 *   than what it comes from); both are [0, 0, 0] when the face or both shoulders are missing.
 * The ears are set to [0, 0, 0] (PoseTrack never annotates them); every other slot is copied.
 */
export function cocoToPoseTrack(coco: readonly Keypoint[]): Keypoint[] {
  if (coco.length !== 17) throw new Error(`cocoToPoseTrack: expected 17 COCO keypoints, got ${coco.length}.`);
  const out: Keypoint[] = coco.map((k) => [k[0], k[1], k[2]]);
  for (const ear of EARS) out[ear] = [0, 0, 0];
  const face = weightedCentre(coco, FACE);
  const shoulders = weightedCentre(coco, [LEFT_SHOULDER, RIGHT_SHOULDER]);
  if (!face || !shoulders) {
    out[HEAD_BOTTOM] = [0, 0, 0];
    out[HEAD_TOP] = [0, 0, 0];
    return out;
  }
  const score = Math.min(face[2], shoulders[2]);
  const bottomX = shoulders[0] + HEAD_BOTTOM_FRACTION * (face[0] - shoulders[0]);
  const bottomY = shoulders[1] + HEAD_BOTTOM_FRACTION * (face[1] - shoulders[1]);
  out[HEAD_BOTTOM] = [bottomX, bottomY, score];
  out[HEAD_TOP] = [
    face[0] + HEAD_TOP_EXTENSION * (face[0] - bottomX),
    face[1] + HEAD_TOP_EXTENSION * (face[1] - bottomY),
    score,
  ];
  // The nose is copied: it is the one face point both layouts share.
  out[NOSE] = [coco[NOSE][0], coco[NOSE][1], coco[NOSE][2]];
  return out;
}
