import type { Box } from '../types';
import { invertAffine, type Affine } from '../imaging/affine';

/** Top-down crops are enlarged by this factor around the box so limbs at its edge stay inside. */
export const DEFAULT_CROP_PADDING = 1.25;

export interface CropTransform {
  /** Image pixels → model input pixels. */
  imageToCrop: Affine;
  /** Model input pixels → image pixels. */
  cropToImage: Affine;
  /** Size of the (padded, aspect-corrected) crop window in image pixels: [width, height]. */
  windowSize: [width: number, height: number];
}

export interface CropOptions {
  /** Enlargement of the aspect-corrected box; 1.25 as in HRNet / SimpleBaseline. */
  padding?: number;
  /** Counter-clockwise rotation of the crop window as seen on screen, in degrees. */
  rotationDeg?: number;
}

/**
 * Affine transform for a top-down crop: the box is centred in the model input, its short side is
 * grown to the input's aspect ratio (so people are never squashed), the result is enlarged by
 * `padding` and scaled to `inputSize`. The crop's x axis in the image is (cos θ, −sin θ) and its
 * y axis (sin θ, cos θ), so θ > 0 turns the window counter-clockwise on screen (image y points down).
 */
export function cropTransform(
  box: Pick<Box, 'x' | 'y' | 'w' | 'h'>,
  inputSize: readonly [width: number, height: number],
  options: CropOptions = {},
): CropTransform {
  const [inputWidth, inputHeight] = inputSize;
  const padding = options.padding ?? DEFAULT_CROP_PADDING;
  const aspect = inputWidth / inputHeight;
  // A zero-sized box still needs a window; one pixel keeps the matrix invertible.
  let width = Math.max(box.w, 1);
  let height = Math.max(box.h, 1);
  if (width > aspect * height) height = width / aspect;
  else width = height * aspect;
  width *= padding;
  height *= padding;

  const centerX = box.x + box.w / 2;
  const centerY = box.y + box.h / 2;
  const theta = ((options.rotationDeg ?? 0) * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const pixelsPerInput = width / inputWidth; // equals height / inputHeight
  const halfW = inputWidth / 2;
  const halfH = inputHeight / 2;
  const cropToImage: Affine = [
    cos * pixelsPerInput,
    sin * pixelsPerInput,
    centerX - (halfW * cos + halfH * sin) * pixelsPerInput,
    -sin * pixelsPerInput,
    cos * pixelsPerInput,
    centerY - (-halfW * sin + halfH * cos) * pixelsPerInput,
  ];
  return { imageToCrop: invertAffine(cropToImage), cropToImage, windowSize: [width, height] };
}
