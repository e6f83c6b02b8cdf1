/** Conversions between packed RGB frames and the RGBA layout canvas ImageData takes. */

/** Packed RGB → RGBA with opaque alpha. */
export function rgbToRgba(rgb: Uint8Array, pixelCount: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixelCount * 4);
  for (let pixel = 0, src = 0, dst = 0; pixel < pixelCount; pixel++, src += 3, dst += 4) {
    rgba[dst] = rgb[src];
    rgba[dst + 1] = rgb[src + 1];
    rgba[dst + 2] = rgb[src + 2];
    rgba[dst + 3] = 255;
  }
  return rgba;
}

/** RGBA → packed RGB, dropping alpha. */
export function rgbaToRgb(rgba: Uint8ClampedArray, pixelCount: number): Uint8Array {
  const rgb = new Uint8Array(pixelCount * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgb[i] = rgba[j];
    rgb[i + 1] = rgba[j + 1];
    rgb[i + 2] = rgba[j + 2];
  }
  return rgb;
}
