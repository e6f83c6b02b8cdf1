import type { Box } from '../types';
import { boxCoverage, boxIos, boxIou } from './nms';
import type { TileBox } from './tile-box';

/**
 * A fragment (a tile box cut by an inner tile edge) this much inside a whole box is the same
 * person seen partly: the whole box wins whatever the scores, since a fragment can score higher.
 */
export const FRAGMENT_COVERAGE = 0.7;
/**
 * Two boxes of which one is a fragment are one person when the smaller lies this much inside the
 * other: a fragment is narrower than the person, so its IoU with the whole box can be low.
 */
export const FRAGMENT_IOS = 0.6;
/**
 * A tile sees body parts at a scale where the model reports them as people (the legs of the man on
 * the box, 0.51); a lower-scoring tile box this much inside a better box is such a part. Boxes of
 * the full frame are exempt, so a small person the full frame finds in front of another stays.
 */
export const TILE_PART_IOS = 0.85;

/**
 * Merges the boxes of the full frame and of every tile (all in image pixels): first drops each
 * fragment that a whole (uncut) box covers, then greedy NMS by score where a pair is one person
 * when IoU > `nmsIou`, or, if either is a fragment, when IoS > FRAGMENT_IOS, or when the lower-scoring
 * box comes from a tile and IoS > TILE_PART_IOS. Returns plain boxes,
 * best first, at most `maxDetections`.
 */
export function mergeTiledDetections(
  candidates: readonly TileBox[],
  options: { nmsIou: number; maxDetections: number },
): Box[] {
  const whole = candidates.filter((box) => !box.cut);
  const kept = candidates.filter(
    (box) => !box.cut || !whole.some((other) => boxCoverage(box, other) >= FRAGMENT_COVERAGE),
  );
  kept.sort((a, b) => b.score - a.score);
  const result: TileBox[] = [];
  for (const box of kept) {
    if (result.length >= options.maxDetections) break;
    const duplicate = result.some((other) => boxIou(box, other) > options.nmsIou || sameByIos(box, other));
    if (!duplicate) result.push(box);
  }
  return result.map(({ x, y, w, h, score }) => ({ x, y, w, h, score }));
}

/** IoS rules for `box` against a kept, better-scoring `other`. */
function sameByIos(box: TileBox, other: TileBox): boolean {
  const ios = boxIos(box, other);
  return ((box.cut || other.cut) && ios > FRAGMENT_IOS) || (box.fromTile && ios > TILE_PART_IOS);
}
