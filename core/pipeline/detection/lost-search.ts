import type { Box, Frame } from '../../types';
import { boxIou } from '../../detect/nms';
import type { BoxDetector, CandidateBox } from '../types';
import { MERGE_IOU_THRESHOLD } from '../constants';

/**
 * Searches the detector's tiles around the boxes of people this frame lost (their propagated box
 * found nobody) and returns the new boxes found there: scoring at least `minBoxScore` and not
 * already one of the boxes that gave a pose. Tiled passes run only every few detector runs; a
 * small person the full-frame pass cannot see would otherwise stay lost until the next one.
 */
export async function boxesNearLost(
  detector: BoxDetector,
  frame: Frame,
  lost: readonly Box[],
  posedBoxes: readonly Box[],
  minBoxScore: number,
): Promise<CandidateBox[]> {
  const found = await detector.detect(frame, { tilesNear: lost });
  return found
    .filter((box) => box.score >= minBoxScore && !posedBoxes.some((posed) => boxIou(box, posed) >= MERGE_IOU_THRESHOLD))
    .map(({ x, y, w, h, score }) => ({ x, y, w, h, score, source: 'detector', detectorMisses: 0 }));
}

/**
 * Boxes of the previous frame's people that no box of this frame overlaps by LOST_MAX_IOU or more:
 * people who were there a frame ago and are missing now.
 */
export function missingPeople(previous: readonly Box[], current: readonly Box[]): Box[] {
  return previous.filter((box) => !current.some((other) => boxIou(box, other) >= LOST_MAX_IOU));
}

/** A person moves little in one frame: their box then overlaps last frame's by far more than this. */
export const LOST_MAX_IOU = 0.1;
