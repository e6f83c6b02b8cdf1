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
export function updateMotion(
  previous: BoxMotion,
  from: Box,
  to: Box,
  frames: number,
  smoothing: number,
  usualHeightPx = to.h,
): BoxMotion {
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

/** Boxes shorter than this fraction of the person's usual height are only part of them. */
const PARTIAL_HEIGHT_FRACTION = 0.75;

/** Whether a box is much shorter than the person's usual height (half hidden, or cut by the picture's edge). */
export function isPartialBox(box: Box, usualHeightPx: number): boolean {
  return box.h < PARTIAL_HEIGHT_FRACTION * usualHeightPx;
}

function clamp(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}

/** One whole view of a person: the box and the frame it was seen in. */
export interface SeenBox {
  frameIndex: number;
  box: Box;
}

/**
 * The box motion that best fits a person's recent whole boxes: least-squares slopes of the box
 * centre and of log(height) against the frame index. A fit over a dozen frames averages out the
 * few pixels a detector's box jitters by each frame, which a velocity measured between two
 * successive boxes takes in whole (at 3 px of jitter, ±3 px/frame, as much as a walker's speed).
 * STILL with fewer than two boxes.
 */
export function fitMotion(seen: readonly SeenBox[]): BoxMotion {
  if (seen.length < 2) return { ...STILL };
  const meanFrame = seen.reduce((s, b) => s + b.frameIndex, 0) / seen.length;
  let sxx = 0;
  let sx = 0;
  let sy = 0;
  let ss = 0;
  const mean = (pick: (b: Box) => number) => seen.reduce((s, b) => s + pick(b.box), 0) / seen.length;
  const [cx, cy, ls] = [mean(centreX), mean(centreY), mean(logHeight)];
  for (const { frameIndex, box } of seen) {
    const dt = frameIndex - meanFrame;
    sxx += dt * dt;
    sx += dt * (centreX(box) - cx);
    sy += dt * (centreY(box) - cy);
    ss += dt * (logHeight(box) - ls);
  }
  if (sxx === 0) return { ...STILL };
  return { vxPxPerFrame: sx / sxx, vyPxPerFrame: sy / sxx, logScalePerFrame: clamp(ss / sxx, MAX_LOG_SCALE_PER_FRAME) };
}

const centreX = (box: Box) => box.x + box.w / 2;
const centreY = (box: Box) => box.y + box.h / 2;
const logHeight = (box: Box) => Math.log(Math.max(box.h, 1));
