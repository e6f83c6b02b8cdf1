import type { TrackedPose } from '../../../core/types';
import { limbDash } from './filled-pose';
import type { KeypointSchema } from '../../../core/keypoints/schema';
import { drawSkeleton } from '../../../core/render/skeleton';
import { drawFlagMark } from './draw-flag-mark';
import { BOX_WIDTH_PX, KEYPOINT_RADIUS_PX, LIMB_WIDTH_PX, SELECTED_WIDTH_FACTOR } from './constants';

/** Opacity of low-confidence joints and limbs when they are shown. */
const LOW_CONFIDENCE_ALPHA = 0.35;

export interface OverlayOptions {
  schema: KeypointSchema;
  colorOf: (trackId: number) => string;
  labelOf: (trackId: number) => string;
  hidden: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  showBoxes: boolean;
  showLabels: boolean;
  /** Draw joints below `minJointScore` (dimmed) instead of leaving them out. */
  showLowConfidence: boolean;
  minJointScore: number;
  /** CSS pixels per image pixel, so strokes keep their on-screen width at every zoom. */
  cssPerImagePx: number;
}

/**
 * Draws skeletons, boxes and labels in image pixel coordinates onto a canvas the size of the
 * video frame. The caller scales the canvas with the video, so pixel (x, y) here is pixel (x, y)
 * of the frame.
 */
export function drawOverlay(ctx: CanvasRenderingContext2D, poses: readonly TrackedPose[], opts: OverlayOptions): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const unit = 1 / Math.max(opts.cssPerImagePx, 1e-3);
  // Selected tracks last, so they sit on top of everyone else.
  const ordered = [...poses].sort(
    (a, b) => Number(opts.selected.has(a.trackId)) - Number(opts.selected.has(b.trackId)),
  );
  for (const pose of ordered) {
    if (opts.hidden.has(pose.trackId)) continue;
    const color = opts.colorOf(pose.trackId);
    const emphasis = opts.selected.has(pose.trackId) ? SELECTED_WIDTH_FACTOR : 1;
    if (opts.showBoxes) drawBox(ctx, pose, color, unit * BOX_WIDTH_PX * emphasis);
    const strokeUnit = unit * emphasis;
    // A pose made up by gap filling is drawn dashed, so it never passes for a measured one.
    ctx.setLineDash(limbDash(pose, strokeUnit));
    drawSkeleton(ctx, pose.keypoints, opts.schema, {
      color,
      limbWidth: LIMB_WIDTH_PX * strokeUnit,
      jointRadius: KEYPOINT_RADIUS_PX * strokeUnit,
      minScore: opts.minJointScore,
      lowScoreAlpha: opts.showLowConfidence ? LOW_CONFIDENCE_ALPHA : null,
      ring: { width: strokeUnit, color: 'rgba(0,0,0,0.6)' },
      rightSideRingWidth: null,
    });
    ctx.setLineDash([]);
    drawFlagMarks(ctx, pose, strokeUnit, opts);
    if (opts.showLabels) drawLabel(ctx, pose, color, opts.labelOf(pose.trackId), unit);
  }
}

/** Edited, occluded and filled keypoints get their mark over the dot (see draw-flag-mark). */
function drawFlagMarks(ctx: CanvasRenderingContext2D, pose: TrackedPose, unit: number, opts: OverlayOptions): void {
  if (!pose.keypointFlags) return;
  pose.keypoints.forEach(([x, y, score], k) => {
    if (score < opts.minJointScore && !opts.showLowConfidence) return;
    drawFlagMark(ctx, x, y, pose.keypointFlags![k] ?? 0, unit);
  });
}

function drawBox(ctx: CanvasRenderingContext2D, pose: TrackedPose, color: string, width: number): void {
  const { x, y, w, h } = pose.box;
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash([6 * width, 3 * width]);
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function drawLabel(ctx: CanvasRenderingContext2D, pose: TrackedPose, color: string, text: string, unit: number): void {
  const fontPx = 12 * unit;
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  const padX = 4 * unit;
  const textW = ctx.measureText(text).width;
  const x = pose.box.x;
  const y = Math.max(pose.box.y - fontPx - 6 * unit, 0);
  ctx.fillStyle = color;
  ctx.fillRect(x, y, textW + padX * 2, fontPx + 6 * unit);
  ctx.fillStyle = '#0b0d10';
  ctx.textBaseline = 'top';
  ctx.fillText(text, x + padX, y + 3 * unit);
}
