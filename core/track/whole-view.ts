import type { Pose } from '../types';
import { meanKeypointScore } from '../keypoints/mean-score';
import { isPartialBox, predictBox, type BoxMotion, type SeenBox } from './motion';

/**
 * A person's usual size and keypoint confidence over their whole views, for telling a whole view
 * of them from a partial one. Each follows growth quickly and decline slowly: behind a static
 * occluder a walker's box shrinks against its edge within a few frames and the pose model's
 * scores fall as it guesses joints on the occluder, while walking away or turning changes them
 * only gradually.
 */
export interface UsualView {
  heightPx: number;
  widthPx: number;
  keypointScore: number;
}

/** Weights of a new observation in the usual values: quick to grow, slow to shrink. */
const GROW_WEIGHT = 0.3;
const SHRINK_WEIGHT = 0.05;

function follow(usual: number, observed: number): number {
  return usual + (observed > usual ? GROW_WEIGHT : SHRINK_WEIGHT) * (observed - usual);
}

/** A person's usual box height, updated with one observed height (see UsualView). */
export function updateUsualHeight(usualPx: number, observedPx: number): number {
  return follow(usualPx, observedPx);
}

export function usualViewOf(pose: Pose): UsualView {
  return { heightPx: pose.box.h, widthPx: pose.box.w, keypointScore: meanKeypointScore(pose.keypoints) };
}

export function updateUsualView(usual: UsualView, pose: Pose): UsualView {
  return {
    heightPx: follow(usual.heightPx, pose.box.h),
    widthPx: follow(usual.widthPx, pose.box.w),
    keypointScore: follow(usual.keypointScore, meanKeypointScore(pose.keypoints)),
  };
}

/**
 * Boxes narrower than this fraction of the usual width are only part of them. Looser than the
 * height: a walker seen from the side is about half as wide with the legs together as in mid-stride.
 */
const PARTIAL_WIDTH_FRACTION = 0.45;
/** A box narrower than this fraction of its height is a sliver of a person (cut by an edge), whoever they are. */
const MIN_WHOLE_WIDTH_OVER_HEIGHT = 0.2;
/** A pose scoring below this fraction of the person's usual mean keypoint score is mostly guessed. */
const PARTIAL_SCORE_FRACTION = 0.6;

/**
 * Whether a pose shows only part of the person: its box much shorter or narrower than usual, or a
 * sliver much narrower than tall (cut by an occluder's or the picture's edge), or its keypoints much less confident than usual (joints
 * guessed on whatever hides them). Such a view says nothing reliable about where the person's
 * centre is or what they look like.
 */
export function isPartialView(pose: Pose, usual: UsualView): boolean {
  return (
    isPartialBox(pose.box, usual.heightPx) ||
    pose.box.w < PARTIAL_WIDTH_FRACTION * usual.widthPx ||
    pose.box.w < MIN_WHOLE_WIDTH_OVER_HEIGHT * pose.box.h ||
    meanKeypointScore(pose.keypoints) < PARTIAL_SCORE_FRACTION * usual.keypointScore
  );
}

/** What a track remembers of its person's whole views. */
export interface ViewMemory {
  usual: UsualView;
  /** The latest whole view. */
  whole: { pose: Pose; frameIndex: number };
  /** The latest whole boxes (at most MOTION_FIT_VIEWS, within MOTION_FIT_SPAN_FRAMES), for fitMotion. */
  recentWhole: SeenBox[];
  /** Partial views matched since the latest whole one. */
  partialStreak: number;
}

/**
 * After this many partial views in a row the next one is taken as whole: the person has changed
 * (crouched, turned to face the camera), not gone behind something.
 */
const MAX_PARTIAL_STREAK = 30;
const MOTION_FIT_VIEWS = 12;
const MOTION_FIT_SPAN_FRAMES = 30;

export function newViewMemory(pose: Pose, frameIndex: number): ViewMemory {
  return {
    usual: usualViewOf(pose),
    whole: { pose, frameIndex },
    recentWhole: [{ frameIndex, box: pose.box }],
    partialStreak: 0,
  };
}

/**
 * Records a matched pose (see isPartialView and isCutAtAnEdge): a whole view updates the usual view, becomes the latest whole view and
 * joins the boxes the motion is fitted to; a partial one only counts. Returns whether it was whole.
 */
export function recordView(memory: ViewMemory, pose: Pose, frameIndex: number, motion: BoxMotion): boolean {
  const partial = isPartialView(pose, memory.usual) || isCutAtAnEdge(pose, memory, frameIndex, motion);
  if (partial && memory.partialStreak < MAX_PARTIAL_STREAK) {
    memory.partialStreak++;
    return false;
  }
  memory.partialStreak = 0;
  memory.usual = updateUsualView(memory.usual, pose);
  memory.whole = { pose, frameIndex };
  const kept = memory.recentWhole
    .filter((s) => frameIndex - s.frameIndex < MOTION_FIT_SPAN_FRAMES)
    .slice(-(MOTION_FIT_VIEWS - 1));
  memory.recentWhole = [...kept, { frameIndex, box: pose.box }];
  return true;
}

/** An edge this far inside where the motion puts it, as a fraction of the usual width, is cut off. */
const EDGE_LAG_WIDTH_FRACTION = 0.15;
/**
 * Frames back to the whole view the edges are predicted from. A box pinned at an occluder's edge
 * lags the motion by a little each frame, too little to see against the frame before.
 */
const EDGE_ANCHOR_FRAMES = 8;
/** The edges are compared with the motion's prediction only this soon after the anchor view. */
const EDGE_CHECK_FRAMES = 30;

/**
 * Whether the pose's box has an edge well inside where the person's motion puts the edge of a
 * whole box of theirs about EDGE_ANCHOR_FRAMES earlier: the box of a walker going behind a static
 * occluder stays pinned at its edge while the walker moves on, so its centre slows to half their
 * speed before it jumps. The box must also be narrower than usual.
 */
export function isCutAtAnEdge(
  pose: Pose,
  memory: Pick<ViewMemory, 'usual' | 'recentWhole'>,
  frameIndex: number,
  motion: BoxMotion,
): boolean {
  const before = memory.recentWhole.filter((s) => s.frameIndex <= frameIndex - EDGE_ANCHOR_FRAMES);
  const anchor = before.at(-1) ?? memory.recentWhole[0];
  if (!anchor) return false;
  const frames = frameIndex - anchor.frameIndex;
  if (frames <= 0 || frames > EDGE_CHECK_FRAMES) return false;
  const expected = predictBox(anchor.box, motion, frames, 1);
  const { box } = pose;
  const lagPx = EDGE_LAG_WIDTH_FRACTION * memory.usual.widthPx;
  // Narrower than usual too: a box that only moved faster than expected keeps its width.
  if (box.w > memory.usual.widthPx - lagPx) return false;
  return box.x - expected.x > lagPx || expected.x + expected.w - (box.x + box.w) > lagPx;
}
