import type { Box } from '../types';
import { boxIou } from '../detect/nms';
import type { CandidateBox } from './types';
import { MERGE_IOU_THRESHOLD } from './constants';

/**
 * Merges this frame's detections with the boxes propagated from the previous frame, by NMS that
 * prefers detector boxes: every detection is kept (the detector already ran its own NMS), then
 * propagated boxes in descending score order are kept unless they overlap a kept box by
 * `iouThreshold` or more. A propagated box that survives was missed by the detector, so its miss
 * count grows by one — unless the detector did not run on this frame (`detections` null, the
 * frames between two runs with --det-interval), which is no evidence either way.
 */
export function mergeBoxes(
  detections: readonly Box[] | null,
  propagated: readonly CandidateBox[],
  iouThreshold = MERGE_IOU_THRESHOLD,
): CandidateBox[] {
  const kept: CandidateBox[] = (detections ?? []).map((box) => ({
    x: box.x, y: box.y, w: box.w, h: box.h, score: box.score, source: 'detector', detectorMisses: 0,
  }));
  const byScore = [...propagated].sort((a, b) => b.score - a.score);
  for (const box of byScore) {
    if (kept.some((other) => boxIou(box, other) >= iouThreshold)) continue;
    kept.push({ ...box, detectorMisses: detections ? box.detectorMisses + 1 : box.detectorMisses });
  }
  return kept;
}
