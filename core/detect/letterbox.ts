import type { Box } from '../types';
import type { Affine } from '../imaging/affine';

export type LetterboxAlign = 'topleft' | 'center';

/** How an image sits inside a model input after an aspect-preserving resize. */
export interface Letterbox {
  /** Input pixels per image pixel (same on both axes). */
  scale: number;
  /** Offset of the resized image inside the input, in input pixels. */
  padX: number;
  padY: number;
  /** Size the image occupies inside the input: [width, height]. */
  contentSize: [width: number, height: number];
  /** Model input pixels → image pixels (for sampling). */
  inputToImage: Affine;
}

/**
 * Letterbox geometry: the image is scaled to fit `inputSize` without distortion and placed at the
 * top-left corner (YOLOX) or centred (most others); the rest is padding.
 */
export function computeLetterbox(
  imageSize: readonly [width: number, height: number],
  inputSize: readonly [width: number, height: number],
  align: LetterboxAlign,
): Letterbox {
  const [imageWidth, imageHeight] = imageSize;
  const [inputWidth, inputHeight] = inputSize;
  if (!(imageWidth > 0 && imageHeight > 0)) throw new Error(`Invalid image size ${imageWidth}×${imageHeight}.`);
  const scale = Math.min(inputWidth / imageWidth, inputHeight / imageHeight);
  const contentWidth = imageWidth * scale;
  const contentHeight = imageHeight * scale;
  const padX = align === 'center' ? (inputWidth - contentWidth) / 2 : 0;
  const padY = align === 'center' ? (inputHeight - contentHeight) / 2 : 0;
  return {
    scale,
    padX,
    padY,
    contentSize: [contentWidth, contentHeight],
    inputToImage: [1 / scale, 0, -padX / scale, 0, 1 / scale, -padY / scale],
  };
}

/**
 * A box given by corners in input pixels → image pixels, clipped to the image. Returns null when
 * nothing of it is left inside the image.
 */
export function letterboxBoxToImage(
  corners: { x1: number; y1: number; x2: number; y2: number; score: number },
  letterbox: Letterbox,
  imageSize: readonly [width: number, height: number],
): Box | null {
  const { scale, padX, padY } = letterbox;
  const x1 = clamp((corners.x1 - padX) / scale, 0, imageSize[0]);
  const y1 = clamp((corners.y1 - padY) / scale, 0, imageSize[1]);
  const x2 = clamp((corners.x2 - padX) / scale, 0, imageSize[0]);
  const y2 = clamp((corners.y2 - padY) / scale, 0, imageSize[1]);
  if (!(x2 > x1 && y2 > y1)) return null;
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1, score: corners.score };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
