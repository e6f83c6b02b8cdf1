import type { Box } from '../types';
import { boxIou } from '../detect/nms';

/**
 * A box of the last tiled pass counts as found again when a full-frame detection overlaps it by
 * this IoU or more.
 */
export const TILE_CARRY_MIN_IOU = 0.3;

/**
 * Detections of a frame on which only the full frame was searched: the full-frame boxes, plus the
 * boxes of the last tiled pass that none of them explains. Those are people only the tiles can
 * see — small and distant, so they move little in the few frames until the next tiled pass — and
 * without them such a person would rest on propagation alone, which drops a pose as soon as it
 * scores weakly (backlight, motion blur) while the tiled pass would have kept it. A person who
 * left is carried at most until the next tiled pass, which no longer finds them.
 */
export function carryTileDetections(fullFrame: readonly Box[], lastTiled: readonly Box[], minIou = TILE_CARRY_MIN_IOU): Box[] {
  const carried = lastTiled.filter((old) => !fullFrame.some((box) => boxIou(box, old) >= minIou));
  return [...fullFrame, ...carried.map((box) => ({ ...box }))];
}
