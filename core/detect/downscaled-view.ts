import type { Frame } from '../types';
import type { Affine } from '../imaging/affine';
import type { RgbImage } from '../imaging/sample-to-tensor';
import type { Letterbox } from './letterbox';

/**
 * The image and sampling map for a full-frame view: the frame's downscaled copy (made by the
 * decoder, see Frame.downscaled) when it holds at least the view's content size, else the frame.
 * Sampling the copy at about 1:1 costs a fraction of area-averaging the full frame here.
 */
export function fullFrameSource(frame: Frame, letterbox: Letterbox): { image: RgbImage; inputToImage: Affine } {
  const small = frame.downscaled;
  const [contentWidth, contentHeight] = letterbox.contentSize;
  if (!small || small.width < Math.floor(contentWidth) || small.height < Math.floor(contentHeight)) {
    return { image: frame, inputToImage: letterbox.inputToImage };
  }
  // Continuous image coordinates → the copy's: its edges are the frame's edges.
  const sx = small.width / frame.width;
  const sy = small.height / frame.height;
  const [a, b, c, d, e, f] = letterbox.inputToImage;
  return { image: small, inputToImage: [a * sx, b * sx, c * sx, d * sy, e * sy, f * sy] };
}

/**
 * The downscaled copy a decoder should deliver for a detector whose input is `inputSize`: the size
 * the full frame takes inside the letterboxed input, rounded up.
 */
export function downscaleForDetector(
  inputSize: readonly [width: number, height: number],
  frameSize: readonly [width: number, height: number],
): { width: number; height: number } {
  const scale = Math.min(inputSize[0] / frameSize[0], inputSize[1] / frameSize[1]);
  return { width: Math.ceil(frameSize[0] * scale - 1e-6), height: Math.ceil(frameSize[1] * scale - 1e-6) };
}
