import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { KeypointSchema } from '../keypoints/schema';
import type { Frame, Pose, TrackedPose } from '../types';
import { NEUTRAL_COLOR_HEX, trackColorHex } from './colors';

export interface DrawOptions {
  schema: KeypointSchema;
  /** Joints and limbs below this score are not drawn (default 0.3). */
  minKeypointScore?: number;
  showBoxes?: boolean;
  /** Track id (or pose score for untracked poses) above each box. */
  showLabels?: boolean;
}

export const DEFAULT_DRAW_MIN_KEYPOINT_SCORE = 0.3;
/** Line width per pixel of the frame's shorter side, so drawings read the same at any resolution. */
const LINE_WIDTH_PER_PX = 1 / 300;
const LABEL_FONT_FAMILY = 'DejaVu Sans, Liberation Sans, sans-serif';

/**
 * Draws boxes, skeleton limbs, joints and labels over a copy of `frame` and returns it as packed RGB
 * (`width * height * 3` bytes); the frame itself is not modified. Each track has its own colour
 * (`trackColorHex`), untracked poses a neutral one. Left-side joints are filled dots, right-side
 * joints white dots ringed in the track colour, so a left/right swap is visible at a glance.
 */
export function drawPoses(frame: Frame, poses: readonly (Pose | TrackedPose)[], options: DrawOptions): Uint8Array {
  const { width, height } = frame;
  if (frame.rgb.length < width * height * 3) {
    throw new Error(`Frame ${frame.index} holds ${frame.rgb.length} bytes; ${width}×${height}×3 needed.`);
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  rgbToRgba(frame.rgb, image.data);
  ctx.putImageData(image, 0, 0);

  const lineWidth = Math.max(2, Math.round(Math.min(width, height) * LINE_WIDTH_PER_PX));
  const minScore = options.minKeypointScore ?? DEFAULT_DRAW_MIN_KEYPOINT_SCORE;
  for (const pose of poses) {
    const color = 'trackId' in pose ? trackColorHex(pose.trackId) : NEUTRAL_COLOR_HEX;
    if (options.showBoxes !== false) drawBox(ctx, pose, color, lineWidth);
    drawSkeleton(ctx, pose, options.schema, color, lineWidth, minScore);
    if (options.showLabels !== false) drawLabel(ctx, pose, color, lineWidth);
  }
  return rgbaToRgb(ctx.getImageData(0, 0, width, height).data, width * height);
}

function drawBox(ctx: SKRSContext2D, pose: Pose, color: string, lineWidth: number): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.setLineDash([lineWidth * 3, lineWidth * 2]);
  ctx.strokeRect(pose.box.x, pose.box.y, pose.box.w, pose.box.h);
  ctx.setLineDash([]);
}

function drawSkeleton(
  ctx: SKRSContext2D, pose: Pose, schema: KeypointSchema, color: string, lineWidth: number, minScore: number,
): void {
  const visible = (k: number) => pose.keypoints[k] !== undefined && pose.keypoints[k][2] >= minScore;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth * 1.5;
  ctx.lineCap = 'round';
  for (const [a, b] of schema.skeleton) {
    if (!visible(a) || !visible(b)) continue;
    ctx.beginPath();
    ctx.moveTo(pose.keypoints[a][0], pose.keypoints[a][1]);
    ctx.lineTo(pose.keypoints[b][0], pose.keypoints[b][1]);
    ctx.stroke();
  }
  const radius = lineWidth * 2;
  pose.keypoints.forEach(([x, y], k) => {
    if (!visible(k)) return;
    const rightSide = schema.names[k]?.startsWith('right_') ?? false;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = rightSide ? '#ffffff' : color;
    ctx.fill();
    // A thin dark ring keeps a left joint visible on a background of its own colour.
    ctx.lineWidth = rightSide ? lineWidth : Math.max(1, lineWidth / 2);
    ctx.strokeStyle = rightSide ? color : '#000000';
    ctx.stroke();
  });
}

function drawLabel(ctx: SKRSContext2D, pose: Pose | TrackedPose, color: string, lineWidth: number): void {
  const text = 'trackId' in pose ? `#${pose.trackId}` : pose.score.toFixed(2);
  const fontPx = lineWidth * 8;
  ctx.font = `bold ${fontPx}px ${LABEL_FONT_FAMILY}`;
  const padding = lineWidth;
  const textWidth = ctx.measureText(text).width;
  const x = Math.max(0, pose.box.x);
  // Above the box when there is room, otherwise just inside its top edge.
  const top = pose.box.y - fontPx - 2 * padding >= 0 ? pose.box.y - fontPx - 2 * padding : Math.max(0, pose.box.y);
  ctx.fillStyle = color;
  ctx.fillRect(x, top, textWidth + 2 * padding, fontPx + 2 * padding);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'top';
  ctx.fillText(text, x + padding, top + padding);
}

function rgbToRgba(rgb: Uint8Array, rgba: Uint8ClampedArray): void {
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
}

function rgbaToRgb(rgba: Uint8ClampedArray, pixels: number): Uint8Array {
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgb[i] = rgba[j];
    rgb[i + 1] = rgba[j + 1];
    rgb[i + 2] = rgba[j + 2];
  }
  return rgb;
}
