import type { Box } from '../types';

/** How a track's box moves: centre velocity in px/frame and the rate of change of log(height) per frame. */
export interface BoxMotion {
  vxPxPerFrame: number;
  vyPxPerFrame: number;
  logScalePerFrame: number;
}

export const STILL: Readonly<BoxMotion> = Object.freeze({ vxPxPerFrame: 0, vyPxPerFrame: 0, logScalePerFrame: 0 });

/**
 * Steps a damped constant-velocity model takes in `frames` frames: Σ_{k=1..n} damping^k. A walker
 * hidden for a second has usually slowed, turned or stopped, so the velocity fades frame by frame
 * instead of carrying them on forever (damping 1 = plain constant velocity).
 */
export function dampedSteps(frames: number, dampingPerFrame: number): number {
  if (frames <= 0) return 0;
  if (dampingPerFrame >= 1) return frames;
  return (dampingPerFrame * (1 - dampingPerFrame ** frames)) / (1 - dampingPerFrame);
}

/** The box `frames` frames after `box`, moved and rescaled about its centre by the damped motion. */
export function predictBox(box: Box, motion: BoxMotion, frames: number, dampingPerFrame: number): Box {
  const steps = dampedSteps(frames, dampingPerFrame);
  const scale = Math.exp(motion.logScalePerFrame * steps);
  const cx = box.x + box.w / 2 + motion.vxPxPerFrame * steps;
  const cy = box.y + box.h / 2 + motion.vyPxPerFrame * steps;
  const w = box.w * scale;
  const h = box.h * scale;
  return { ...box, x: cx - w / 2, y: cy - h / 2, w, h };
}

/** Fastest change of size a person shows between frames (log of the height ratio): about 30 % per second at 30 fps. */
const MAX_LOG_SCALE_PER_FRAME = 0.01;

/**
 * Blends the motion measured between two boxes `frames` apart into the previous estimate
 * (exponential moving average with weight `smoothing` on the new measurement). A box much smaller
 * than the person's usual height (a person half hidden or cut by the picture's edge, see
 * isPartialBox) says nothing about how they move: the estimate is kept as it was.
 */
export function updateMotion(previous: BoxMotion, from: Box, to: Box, frames: number, smoothing: number, usualHeightPx = to.h): BoxMotion {
  if (isPartialBox(to, usualHeightPx) || isPartialBox(from, usualHeightPx)) return previous;
  const step = Math.max(frames, 1);
  const measured: BoxMotion = {
    vxPxPerFrame: (to.x + to.w / 2 - (from.x + from.w / 2)) / step,
    vyPxPerFrame: (to.y + to.h / 2 - (from.y + from.h / 2)) / step,
    logScalePerFrame: from.h > 0 && to.h > 0 ? clamp(Math.log(to.h / from.h) / step, MAX_LOG_SCALE_PER_FRAME) : 0,
  };
  const mix = (a: number, b: number) => (1 - smoothing) * a + smoothing * b;
  return {
    vxPxPerFrame: mix(previous.vxPxPerFrame, measured.vxPxPerFrame),
    vyPxPerFrame: mix(previous.vyPxPerFrame, measured.vyPxPerFrame),
    logScalePerFrame: mix(previous.logScalePerFrame, measured.logScalePerFrame),
  };
}

/** Weights of a new box height in a person's usual height: quick to grow, slow to shrink. */
const HEIGHT_GROW_WEIGHT = 0.3;
const HEIGHT_SHRINK_WEIGHT = 0.05;

/**
 * A person's usual box height, updated with one observed height. It follows growth quickly but
 * shrinks slowly: a box that suddenly shrinks is usually a person half hidden or cut by the
 * picture's edge, not a person who got smaller, while walking away shrinks them only gradually.
 */
export function updateUsualHeight(usualPx: number, observedPx: number): number {
  const weight = observedPx > usualPx ? HEIGHT_GROW_WEIGHT : HEIGHT_SHRINK_WEIGHT;
  return usualPx + weight * (observedPx - usualPx);
}

/** Boxes shorter than this fraction of the person's usual height are only part of them. */
const PARTIAL_HEIGHT_FRACTION = 0.75;

export function isPartialBox(box: Box, usualHeightPx: number): boolean {
  return box.h < PARTIAL_HEIGHT_FRACTION * usualHeightPx;
}

function clamp(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}
