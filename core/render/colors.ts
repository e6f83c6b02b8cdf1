/**
 * Per-track colours shared by the drawn overlays (CLI `pose --draw`) and the desktop UI. Pure: no
 * Node or DOM imports, so the renderer bundle can use it too.
 *
 * Hues step by the golden angle, so neighbouring ids never look alike however many tracks there are;
 * saturation and lightness keep every colour readable on both bright and dark video.
 */
const GOLDEN_ANGLE_DEG = 137.508;
const HUE_OFFSET_DEG = 200;
const SATURATION = 0.85;
const LIGHTNESS = 0.58;

/**
 * Colour of poses that carry no track id yet (detections before tracking): grey, so the white
 * right-side joints still stand out from it.
 */
export const NEUTRAL_COLOR_HEX = '#a8a8a8';

/** `#rrggbb` for a track id (integers from 0); non-integer or negative ids get the neutral colour. */
export function trackColorHex(trackId: number): string {
  if (!Number.isInteger(trackId) || trackId < 0) return NEUTRAL_COLOR_HEX;
  const hue = (trackId * GOLDEN_ANGLE_DEG + HUE_OFFSET_DEG) % 360;
  return hslToHex(hue, SATURATION, LIGHTNESS);
}

function hslToHex(hueDeg: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): string => {
    const k = (n + hueDeg / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
