/**
 * Clockwise display rotation of a video stream in degrees (0, 90, 180 or 270), from what ffprobe
 * reports: the display-matrix side data (its `rotation` is counter-clockwise, as returned by
 * av_display_rotation_get) or, in older files and ffprobe builds, the `rotate` tag (clockwise).
 * This is the rotation ffmpeg's autorotate applies when decoding.
 */
export function clockwiseRotationDeg(stream: {
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string }>;
  tags?: Record<string, string | undefined>;
}): number {
  const matrix = stream.side_data_list?.find(
    (entry) => entry.side_data_type === 'Display Matrix' && entry.rotation !== undefined,
  );
  if (matrix) return normaliseQuarterTurns(-Number(matrix.rotation));
  const tag = stream.tags?.rotate;
  if (tag !== undefined) return normaliseQuarterTurns(Number(tag));
  return 0;
}

/** Wraps into [0, 360) and rounds to the nearest quarter turn (ffmpeg only autorotates by those). */
export function normaliseQuarterTurns(degrees: number): number {
  if (!Number.isFinite(degrees)) return 0;
  const quarter = Math.round(degrees / 90);
  return (((quarter % 4) + 4) % 4) * 90;
}

/** Display size after rotation: a quarter turn swaps width and height. */
export function rotatedSize(width: number, height: number, rotationDeg: number): { width: number; height: number } {
  return rotationDeg % 180 === 90 ? { width: height, height: width } : { width, height };
}
