import type { RgbImage } from '../imaging/sample-to-tensor';
import type { Tile } from './tile-grid';

/**
 * Copies the pixels of `tile` out of a packed RGB image into `buffer` (grown when too small) and
 * returns them as an image of their own, so the letterbox pads the tile with the model's pad value
 * instead of showing the model what lies beyond the tile. One row copy per tile row.
 */
export function copyTile(image: RgbImage, tile: Tile, buffer: Uint8Array): { image: RgbImage; buffer: Uint8Array } {
  const { x, y, width, height } = tile;
  if (!(x >= 0 && y >= 0 && width >= 1 && height >= 1 && x + width <= image.width && y + height <= image.height)) {
    throw new Error(`Tile ${width}×${height} at (${x}, ${y}) lies outside the ${image.width}×${image.height} image.`);
  }
  const length = width * height * 3;
  const out = buffer.length >= length ? buffer : new Uint8Array(length);
  const rowBytes = width * 3;
  const stride = image.width * 3;
  for (let row = 0; row < height; row++) {
    const start = (y + row) * stride + x * 3;
    out.set(image.rgb.subarray(start, start + rowBytes), row * rowBytes);
  }
  return { image: { width, height, rgb: out.subarray(0, length) }, buffer: out };
}
