import type { Box } from '../types';
import { boxIou } from '../detect/nms';
import type { CandidateBox } from './types';
import { MERGE_CONTAINED_FRACTION, MERGE_IOU_THRESHOLD } from './constants';

/**
 * Merges this frame's detections with the boxes propagated from the previous frame, by NMS that
 * prefers detector boxes: every detection is kept (the detector already ran its own NMS), then
 * propagated boxes in descending score order are kept unless they overlap a kept box by
 * `iouThreshold` or more, or lie mostly inside a detection (`containedFraction` of their area): a
 * person who raises their arms gets a detection much wider than last frame's box, with a low IoU,
 * and keeping both would give that person two poses. A propagated box that survives was missed by the detector, so its miss
 * count grows by one — unless the detector did not run on this frame (`detections` null, the
 * frames between two runs with --det-interval), which is no evidence either way.
 */
export function mergeBoxes(
  detections: readonly Box[] | null,
  propagated: readonly CandidateBox[],
  iouThreshold = MERGE_IOU_THRESHOLD,
  containedFraction = MERGE_CONTAINED_FRACTION,
): CandidateBox[] {
  const kept: CandidateBox[] = (detections ?? []).map((box) => ({
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
    score: box.score,
    source: 'detector',
    detectorMisses: 0,
  }));
  const byScore = [...propagated].sort((a, b) => b.score - a.score);
  for (const box of byScore) {
    const covered = (other: CandidateBox) =>
      boxIou(box, other) >= iouThreshold ||
      (other.source === 'detector' && fractionInside(box, other) >= containedFraction);
    if (kept.some(covered)) continue;
    kept.push({ ...box, detectorMisses: detections ? box.detectorMisses + 1 : box.detectorMisses });
  }
  return kept;
}

/** The fraction of `inner`'s area that lies inside `outer`. */
function fractionInside(inner: Box, outer: Box): number {
  const w = Math.min(inner.x + inner.w, outer.x + outer.w) - Math.max(inner.x, outer.x);
  const h = Math.min(inner.y + inner.h, outer.y + outer.h) - Math.max(inner.y, outer.y);
  const area = inner.w * inner.h;
  return w > 0 && h > 0 && area > 0 ? (w * h) / area : 0;
}
