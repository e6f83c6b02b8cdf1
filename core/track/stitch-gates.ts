import type { AppearanceVerdict } from './appearance-verdict';
import { predictBox, type BoxMotion } from './motion';
import { relinkCost, type RelinkCostOptions, type RelinkScore } from './relink-cost';
import { edgesNear } from './box-distance';
import type { TrackPiece } from './track-pieces';

const reversed = (motion: BoxMotion): BoxMotion => ({
  vxPxPerFrame: -motion.vxPxPerFrame,
  vyPxPerFrame: -motion.vyPxPerFrame,
  logScalePerFrame: -motion.logScalePerFrame,
});

/**
 * The backward check of a join: the later piece's first whole box, moved back over the gap by
 * the motion of its own first frames, must land in the gate around where the earlier piece was
 * last seen whole. The forward check alone lets a person who appears where another vanished take
 * their id whatever way they walk; both people's motions must agree with one path.
 */
export function backwardScore(
  earlier: TrackPiece,
  later: TrackPiece,
  shape: number | null,
  appearance: AppearanceVerdict | null,
  options: RelinkCostOptions & { motionDampingPerFrame: number },
): RelinkScore | null {
  const frames = later.firstWholeFrame - earlier.lastWholeFrame;
  const from = later.firstWholePose.box;
  return relinkCost(
    {
      predictedBox: predictBox(from, reversed(later.startMotion), frames, options.motionDampingPerFrame),
      fromBox: from,
      box: earlier.lastWholePose.box,
      heightPx: later.startHeightPx,
      returningHeightPx: earlier.endHeightPx,
      gapFrames: frames - 1,
      shape,
      appearance,
    },
    options,
  );
}

/** Below this speed, in box heights per frame (a third of a slow walk at 30 fps), a piece is not heading anywhere. */
export const MIN_HEADING_SPEED_HEIGHTS_PER_FRAME = 0.01;

/**
 * Whether the earlier piece ends and the later one starts walking in opposed directions (more
 * than 90° apart), both clearly moving: a person hidden for a moment keeps going the way they
 * went; someone coming the other way is someone else, however near the prediction they appear.
 */
export function headingsOppose(earlier: TrackPiece, later: TrackPiece): boolean {
  const a = earlier.endMotion;
  const b = later.startMotion;
  const moving = (m: BoxMotion, heightPx: number) =>
    Math.hypot(m.vxPxPerFrame, m.vyPxPerFrame) >= MIN_HEADING_SPEED_HEIGHTS_PER_FRAME * Math.max(heightPx, 1);
  if (!moving(a, earlier.endHeightPx) || !moving(b, later.startHeightPx)) return false;
  return a.vxPxPerFrame * b.vxPxPerFrame + a.vyPxPerFrame * b.vyPxPerFrame < 0;
}

/** A box within this fraction of the picture's width or height from a border touches that border. */
export const PICTURE_EDGE_MARGIN_FRACTION = 0.01;

/**
 * Whether the earlier piece ends at a border of the picture and the later one starts at the same
 * border: someone who walked out and came back, and had to turn round outside the picture to do so.
 * Opposed headings are then what a return looks like, not a sign of someone else.
 */
export function leftAndReturnedAtEdge(
  earlier: TrackPiece,
  later: TrackPiece,
  pictureSizePx: readonly [number, number] | undefined,
): boolean {
  if (!pictureSizePx) return false;
  const out = edgesNear(earlier.lastPose.box, pictureSizePx, PICTURE_EDGE_MARGIN_FRACTION);
  return edgesNear(later.firstPose.box, pictureSizePx, PICTURE_EDGE_MARGIN_FRACTION).some((edge) => out.includes(edge));
}
