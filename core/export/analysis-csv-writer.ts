import { JOINT_ANGLES, jointAngleDeg, keypointSpeedPxPerS } from '../analysis/angles';
import { trackSeries } from '../analysis/track-series';
import { getSchema } from '../keypoints/schema';
import type { TrackingResult } from '../types';
import { csvField } from './csv-field';
import { CSV_NAME_COLUMN } from './csv-writer';
import { flagNames } from './flags';
import { MIN_VISIBLE_KEYPOINT_SCORE } from '../keypoints/visibility';

/** Keypoints below this score give no angle or speed (an empty cell). */

/**
 * Angles and speeds per track and frame: `frame,time_ms,track_id`, one `<joint>_deg` column per
 * joint angle, one `<keypoint>_speed_px_s` per keypoint (from the track's pose in the frame before;
 * empty when it was missing there), and `flags`: every flag of the keypoints in the row, so rows
 * computed from filled or smoothed data say so. With `trackNames`, a last `track_name` column holds
 * each track's given name (empty when it has none).
 */
export function toAnalysisCsv(result: TrackingResult, trackNames?: Record<number, string>): string {
  const schema = getSchema(result.schema);
  const nameColumn = trackNames ? [CSV_NAME_COLUMN] : [];
  const header = [
    'frame',
    'time_ms',
    'track_id',
    ...JOINT_ANGLES.map((a) => `${a.id}_deg`),
    ...schema.names.map((n) => `${n}_speed_px_s`),
    'flags',
    ...nameColumn,
  ];
  const nameCell = (trackId: number) => (trackNames ? [csvField(trackNames[trackId] ?? '')] : []);
  const rows: { frame: number; trackId: number; line: string }[] = [];
  for (const series of trackSeries(result).values()) {
    series.poses.forEach((pose, j) => {
      if (!pose) return;
      const previous = series.poses[j - 1];
      const dtMs = series.timesMs[j] - series.timesMs[j - 1];
      const angles = JOINT_ANGLES.map((def) =>
        cell(jointAngleDeg(pose.keypoints, schema, def, MIN_VISIBLE_KEYPOINT_SCORE), 3),
      );
      const speeds = pose.keypoints.map((k, i) =>
        cell(keypointSpeedPxPerS(previous?.keypoints[i], k, dtMs, MIN_VISIBLE_KEYPOINT_SCORE), 3),
      );
      const flags = flagNames((pose.keypointFlags ?? []).reduce((bits, f) => bits | f, 0));
      const cells = [
        series.frameIndices[j],
        round(series.timesMs[j], 3),
        series.trackId,
        ...angles,
        ...speeds,
        flags,
        ...nameCell(series.trackId),
      ];
      rows.push({ frame: series.frameIndices[j], trackId: series.trackId, line: cells.join(',') });
    });
  }
  rows.sort((a, b) => a.frame - b.frame || a.trackId - b.trackId);
  return `${[header.join(','), ...rows.map((r) => r.line)].join('\n')}\n`;
}

function cell(value: number | null, digits: number): string {
  return value === null ? '' : String(round(value, digits));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
