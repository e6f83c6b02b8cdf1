/**
 * Colour of a track id when the project has none assigned yet (live results during a run).
 * Evenly spaced hues by the golden angle so neighbouring ids never look alike.
 */
const GOLDEN_ANGLE_DEG = 137.508;

export function trackColorHex(trackId: number): string {
  const hue = (((trackId * GOLDEN_ANGLE_DEG + 200) % 360) + 360) % 360;
  return hslToHex(hue, 0.85, 0.58);
}

function hslToHex(hDeg: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): string => {
    const k = (n + hDeg / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
