import { KEYPOINT_FLAG } from '../../../core/types';
import { KEYPOINT_RADIUS_PX } from './constants';

/**
 * Marks a keypoint that is not a plain measurement, over its dot: edited by hand → a white ring;
 * occluded → a dashed white ring; filled across a gap → a dark centre (a hollow dot). Smoothed
 * keypoints look like measured ones: in the filtered view nearly all are.
 */
export function drawFlagMark(ctx: CanvasRenderingContext2D, x: number, y: number, flags: number, unit: number): void {
  if (!flags) return;
  const r = KEYPOINT_RADIUS_PX * unit;
  if (flags & KEYPOINT_FLAG.filled) {
    ctx.beginPath();
    ctx.arc(x, y, r * 0.55, 0, Math.PI * 2);
    ctx.fillStyle = '#0b0d10';
    ctx.fill();
  }
  if (flags & (KEYPOINT_FLAG.edited | KEYPOINT_FLAG.occluded)) {
    ctx.beginPath();
    ctx.arc(x, y, r + 2.5 * unit, 0, Math.PI * 2);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5 * unit;
    if (flags & KEYPOINT_FLAG.occluded) ctx.setLineDash([2 * unit, 2 * unit]);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
