import type { SKRSContext2D } from '@napi-rs/canvas';
import { lazyPackage } from '../util/lazy-package';

const napiCanvas = lazyPackage<typeof import('@napi-rs/canvas')>('@napi-rs/canvas');
import { rgbaToRgb, rgbToRgba } from '../imaging/rgba';
import type { KeypointSchema } from '../keypoints/schema';
import type { Frame, Pose, TrackedPose } from '../types';
import { NEUTRAL_COLOR_HEX, trackColorHex } from './colors';
import { drawSkeleton } from './skeleton';
import { labelTopLeft } from './label-place';
import { trackLabel } from './track-label';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';

export interface DrawOptions {
  schema: KeypointSchema;
  /** Joints and limbs below this score are not drawn (default MIN_VISIBLE_KEYPOINT_SCORE). */
  minKeypointScore?: number;
  showBoxes?: boolean;
  /** Each tracked person's label (`Woman (#1)`, or `#1` unnamed) above the head; the pose score for untracked poses. */
  showLabels?: boolean;
  /** Names given to tracks, by track id (as the exports take them); unnamed tracks show their id. */
  trackNames?: Readonly<Record<number, string>>;
}

/** Line width per pixel of the frame's shorter side, so drawings read the same at any resolution. */
const LINE_WIDTH_PER_PX = 1 / 300;
const LABEL_FONT_FAMILY = 'DejaVu Sans, Liberation Sans, sans-serif';

/**
 * Draws boxes, skeleton limbs, joints and labels over a copy of `frame` and returns it as packed RGB
 * (`width * height * 3` bytes); the frame itself is not modified. Each track has its own colour
 * (`trackColorHex`), untracked poses a neutral one. Left-side joints are filled dots, right-side
 * joints white dots ringed in the track colour, so a left/right swap is visible at a glance. Each
 * tracked person is labelled with the track's name and id near the head.
 */
export function drawPoses(frame: Frame, poses: readonly (Pose | TrackedPose)[], options: DrawOptions): Uint8Array {
  const { width, height } = frame;
  if (frame.rgb.length < width * height * 3) {
    throw new Error(`Frame ${frame.index} holds ${frame.rgb.length} bytes; ${width}×${height}×3 needed.`);
  }
  const canvas = napiCanvas().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.putImageData(new (napiCanvas().ImageData)(rgbToRgba(frame.rgb, width * height), width, height), 0, 0);

  const lineWidth = Math.max(2, Math.round(Math.min(width, height) * LINE_WIDTH_PER_PX));
  const minScore = options.minKeypointScore ?? MIN_VISIBLE_KEYPOINT_SCORE;
  for (const pose of poses) {
    const color = 'trackId' in pose ? trackColorHex(pose.trackId) : NEUTRAL_COLOR_HEX;
    if (options.showBoxes !== false) drawBox(ctx, pose, color, lineWidth);
    drawSkeleton(ctx, pose.keypoints, options.schema, {
      color,
      limbWidth: lineWidth * 1.5,
      jointRadius: lineWidth * 2,
      minScore,
      lowScoreAlpha: null,
      ring: { width: Math.max(1, lineWidth / 2), color: '#000000' },
      rightSideRingWidth: lineWidth,
    });
    if (options.showLabels !== false)
      drawLabel(ctx, pose, color, lineWidth, { ...options, minKeypointScore: minScore }, frame);
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

function drawLabel(
  ctx: SKRSContext2D,
  pose: Pose | TrackedPose,
  color: string,
  lineWidth: number,
  options: DrawOptions,
  frame: Frame,
): void {
  const text = 'trackId' in pose ? trackLabel(pose.trackId, options.trackNames?.[pose.trackId]) : pose.score.toFixed(2);
  const fontPx = lineWidth * 8;
  ctx.font = `bold ${fontPx}px ${LABEL_FONT_FAMILY}`;
  const padding = lineWidth;
  const size = {
    widthPx: ctx.measureText(text).width + 2 * padding,
    heightPx: fontPx + 2 * padding,
    gapPx: lineWidth * 3,
  };
  const { x, y } = labelTopLeft(
    pose,
    options.schema,
    options.minKeypointScore ?? MIN_VISIBLE_KEYPOINT_SCORE,
    size,
    frame,
  );
  ctx.fillStyle = color;
  ctx.fillRect(x, y, size.widthPx, size.heightPx);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'top';
  ctx.fillText(text, x + padding, y + padding);
}
