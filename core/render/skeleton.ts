/**
 * The one skeleton drawing: limbs, then joints, over any 2D canvas. Used by the overlay video and
 * image writer (node canvas) and by the renderer's player overlay (browser canvas); each passes
 * its own style. No imports beyond types: the renderer bundles this file.
 */
import type { KeypointSchema } from '../keypoints/schema';
import type { Keypoint } from '../types';

/** The part of a 2D canvas context the skeleton needs; node-canvas and browser contexts both fit. */
export interface SkeletonCanvas {
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  lineCap: string;
  globalAlpha: number;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  stroke(): void;
  fill(): void;
}

export interface SkeletonStyle {
  color: string;
  limbWidth: number;
  jointRadius: number;
  /** Joints (and limbs touching them) below this score are low confidence. */
  minScore: number;
  /** Opacity of low-confidence joints and limbs; null leaves them out. */
  lowScoreAlpha: number | null;
  /** The thin ring around each joint, so it stays visible on a background of its own colour. */
  ring: { width: number; color: string };
  /** When set, right-side joints are white dots ringed in `color` this wide, so a left/right swap shows at a glance. */
  rightSideRingWidth: number | null;
}

type Visibility = 'full' | 'dim' | 'none';

export function drawSkeleton(
  ctx: SkeletonCanvas,
  keypoints: readonly Keypoint[],
  schema: KeypointSchema,
  style: SkeletonStyle,
): void {
  const visibility = (keypoint: Keypoint | undefined): Visibility => {
    if (!keypoint) return 'none';
    if (keypoint[2] >= style.minScore) return 'full';
    return style.lowScoreAlpha === null ? 'none' : 'dim';
  };
  const setAlpha = (dim: boolean) => {
    if (style.lowScoreAlpha !== null) ctx.globalAlpha = dim ? style.lowScoreAlpha : 1;
  };
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.limbWidth;
  ctx.lineCap = 'round';
  for (const [a, b] of schema.skeleton) {
    const [va, vb] = [visibility(keypoints[a]), visibility(keypoints[b])];
    if (va === 'none' || vb === 'none') continue;
    setAlpha(va === 'dim' || vb === 'dim');
    ctx.beginPath();
    ctx.moveTo(keypoints[a][0], keypoints[a][1]);
    ctx.lineTo(keypoints[b][0], keypoints[b][1]);
    ctx.stroke();
  }
  keypoints.forEach((keypoint, k) => {
    const v = visibility(keypoint);
    if (v === 'none') return;
    setAlpha(v === 'dim');
    const marked = style.rightSideRingWidth !== null && (schema.names[k]?.startsWith('right_') ?? false);
    ctx.beginPath();
    ctx.arc(keypoint[0], keypoint[1], style.jointRadius, 0, 2 * Math.PI);
    ctx.fillStyle = marked ? '#ffffff' : style.color;
    ctx.fill();
    ctx.lineWidth = marked ? style.rightSideRingWidth! : style.ring.width;
    ctx.strokeStyle = marked ? style.color : style.ring.color;
    ctx.stroke();
  });
  setAlpha(false);
}
