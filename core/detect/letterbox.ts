import type { Box } from '../types';
import type { Affine } from '../imaging/affine';

export type LetterboxAlign = 'topleft' | 'center';

/** How an image sits inside a model input after an aspect-preserving resize. */
export interface Letterbox {
  /** Input pixels per image pixel (same on both axes): the ratio the boxes are divided by. */
  scale: number;
  /** Offset of the resized image inside the input, in input pixels. */
  padX: number;
  padY: number;
  /** Whole input pixels the resized image occupies: [width, height]. */
  contentSize: [width: number, height: number];
  /** Model input pixels → image pixels (for sampling). */
  inputToImage: Affine;
}

/**
 * Letterbox geometry as YOLOX's own pre-processing builds it: ratio r = min(input / image), the
 * image resized to int(size · r) whole pixels and placed at the top-left corner (YOLOX) or centred
 * (most others); the rest is padding. Sampling maps each axis as cv2.resize does for that size
 * (image size / resized size, so the last resized pixel ends on the image's edge); boxes go back
 * through r, as YOLOX divides them.
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
  const contentWidth = Math.max(1, Math.trunc(imageWidth * scale));
  const contentHeight = Math.max(1, Math.trunc(imageHeight * scale));
  const padX = align === 'center' ? (inputWidth - contentWidth) / 2 : 0;
  const padY = align === 'center' ? (inputHeight - contentHeight) / 2 : 0;
  const scaleX = imageWidth / contentWidth;
  const scaleY = imageHeight / contentHeight;
  return {
    scale,
    padX,
    padY,
    contentSize: [contentWidth, contentHeight],
    inputToImage: [scaleX, 0, -padX * scaleX, 0, scaleY, -padY * scaleY],
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
