import type { Box, Frame } from '../../types';
import { boxIou } from '../../detect/nms';
import { grownBox, TILES_NEAR_MARGIN } from '../../detect/select-views';
import type { BoxDetector } from '../types';
import { MERGE_IOU_THRESHOLD } from '../constants';
import { detectRequests } from './detect-requests';

/**
 * The boxes of a tiled pass that nothing found earlier explains: no box of the previous tiled
 * pass, or of the full-frame passes since, lies within TILES_NEAR_MARGIN of their size around
 * them. These are people who came into view (or out from behind something) since the last tiled
 * pass; people the tiles have been seeing all along have a box of the last tiled pass nearby.
 */
export function newcomers(found: readonly Box[], earlier: readonly Box[]): Box[] {
  const nearAreas = earlier.map((box) => grownBox(box, TILES_NEAR_MARGIN));
  return found.filter((box) => !nearAreas.some((area) => boxIou(area, box) > 0));
}

/** A frame of the window between two tiled passes: its full-frame detections (null: no detector run). */
export interface WindowFrame {
  frame: Frame;
  detections: Box[] | null;
}

/**
 * Searches the tiles around `people` (newcomers of the tiled pass that closes the window) in the
 * earlier frames of the window, and adds the boxes found there (scoring at least `minBoxScore`,
 * and not already one of the frame's detections) to those frames' detections. A small person the
 * full-frame pass cannot see is otherwise found up to one tile interval late: the tiles of the
 * frames before never ran where they stood. Frames where the detector did not run stay as they are.
 */
export async function searchWindowForNewcomers(
  detector: BoxDetector,
  window: readonly WindowFrame[],
  people: readonly Box[],
  minBoxScore: number,
): Promise<void> {
  const searched = window.filter((entry): entry is WindowFrame & { detections: Box[] } => entry.detections !== null);
  if (searched.length === 0 || people.length === 0) return;
  const found = await detectRequests(
    detector,
    searched.map(({ frame }) => ({ frame, tilesNear: people })),
  );
  searched.forEach((entry, i) => {
    const known = entry.detections;
    const added = found[i].filter(
      (box) => box.score >= minBoxScore && !known.some((other) => boxIou(box, other) >= MERGE_IOU_THRESHOLD),
    );
    entry.detections = [...known, ...added];
  });
}
