/** Colour checks on pixels read back from canvases and screenshots. */
export type Rgba = [r: number, g: number, b: number, a: number];

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Largest per-channel difference between a pixel and a colour. */
export function colorDistance(pixel: ArrayLike<number>, rgb: readonly number[]): number {
  return Math.max(Math.abs(pixel[0] - rgb[0]), Math.abs(pixel[1] - rgb[1]), Math.abs(pixel[2] - rgb[2]));
}
