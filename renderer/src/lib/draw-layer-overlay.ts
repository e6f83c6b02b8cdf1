import { getSchema } from '../../../core/keypoints/schema';
import { drawSkeleton } from '../../../core/render/skeleton';
import { KEYPOINT_RADIUS_PX, LIMB_WIDTH_PX } from './constants';
import type { ShownLayer } from './layers.svelte';

/** Joints of a layer count as present from this score up (ground truth marks them 1, absent 0). */
const LAYER_MIN_JOINT_SCORE = 0.5;

/**
 * Draws the visible read-only layers' people on one frame: dashed limbs and boxes in the layer's
 * colour, thinner than Posetrail's own tracks, with the layer's file name and track id on top, so
 * the two can be told apart where they overlap. Coordinates are image pixels, as in drawOverlay.
 */
export function drawLayerOverlay(
  ctx: CanvasRenderingContext2D,
  layers: readonly ShownLayer[],
  frameIndex: number,
  cssPerImagePx: number,
): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const unit = 1 / Math.max(cssPerImagePx, 1e-3);
  for (const shown of layers) {
    if (!shown.visible) continue;
    const schema = getSchema(shown.layer.schema);
    for (const pose of shown.posesByFrame.get(frameIndex) ?? []) {
      ctx.setLineDash([4 * unit, 3 * unit]);
      drawSkeleton(ctx, pose.keypoints, schema, {
        color: shown.color,
        limbWidth: LIMB_WIDTH_PX * 0.7 * unit,
        jointRadius: KEYPOINT_RADIUS_PX * 0.7 * unit,
        minScore: LAYER_MIN_JOINT_SCORE,
        lowScoreAlpha: null,
        ring: { width: unit, color: 'rgba(0,0,0,0.7)' },
        rightSideRingWidth: null,
      });
      const { x, y, w, h } = pose.box;
      ctx.setLineDash([]);
      // A listed person with no labelled joint and no box (PoseTrack 2017) has no place to draw.
      if (w <= 0 && h <= 0) continue;
      ctx.setLineDash([4 * unit, 3 * unit]);
      ctx.lineWidth = unit;
      ctx.strokeStyle = shown.color;
      ctx.strokeRect(x, y, w, h);
      ctx.setLineDash([]);
      drawLayerLabel(ctx, `${shown.layer.name} #${pose.trackId}`, shown.color, x, y + h, unit);
    }
  }
}

/** Label under the box (Posetrail's own labels sit above theirs), dark text on the layer colour. */
function drawLayerLabel(
  ctx: CanvasRenderingContext2D,
  text: string,
  color: string,
  x: number,
  bottom: number,
  unit: number,
): void {
  const fontPx = 10 * unit;
  ctx.font = `500 ${fontPx}px system-ui, sans-serif`;
  const padX = 3 * unit;
  const boxH = fontPx + 4 * unit;
  const y = Math.min(bottom + unit, ctx.canvas.height - boxH);
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = color;
  const boxW = ctx.measureText(text).width + padX * 2;
  const left = Math.max(0, Math.min(x, ctx.canvas.width - boxW));
  ctx.fillRect(left, y, boxW, boxH);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#0b0d10';
  ctx.textBaseline = 'top';
  ctx.fillText(text, left + padX, y + 2 * unit);
}
