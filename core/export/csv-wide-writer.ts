import type { TrackingResult } from '../types';
import { flagNames } from './flags';
import { prepareExport, type KeypointExport, type PreparedPose } from './prepare';

const FIELDS = ['x', 'y', 'score', 'flags'] as const;

/**
 * Wide CSV: one row for every frame of the processed span, empty frames included (a frame nobody
 * was found in is a row of empty cells, not a missing row), and one column per track × keypoint ×
 * {x, y, score, flags}: `track3_left_wrist_x`. What time-series tools and spreadsheets want.
 */
export function toCsvWide(result: TrackingResult, keypoints: KeypointExport): string {
  const prepared = prepareExport(result, keypoints);
  const trackIds = [...new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))].sort((a, b) => a - b);
  const names = prepared.keypointNames;
  const header = ['frame', 'time_ms', ...trackIds.flatMap((id) => names.flatMap((name) => FIELDS.map((field) => `track${id}_${name}_${field}`)))];
  const lines = [header.join(',')];
  if (result.frames.length === 0) return `${lines[0]}\n`;
  const timeOf = new Map(result.frames.map((f) => [f.frameIndex, f.timestampMs]));
  const first = result.frames[0].frameIndex;
  const last = result.frames[result.frames.length - 1].frameIndex;
  const emptyTrack = new Array<string>(names.length * FIELDS.length).fill('');
  for (let frameIndex = first; frameIndex <= last; frameIndex++) {
    const byTrack = new Map((prepared.posesByFrame.get(frameIndex) ?? []).map((p) => [p.pose.trackId, p]));
    const timeMs = timeOf.get(frameIndex) ?? result.video.frameTimesMs[frameIndex];
    const cells = [String(frameIndex), timeMs === undefined ? '' : String(round(timeMs, 3))];
    for (const id of trackIds) {
      const p = byTrack.get(id);
      cells.push(...(p ? trackCells(p) : emptyTrack));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function trackCells(p: PreparedPose): string[] {
  return p.keypoints.flatMap(([x, y, s], slot) =>
    s === 0 && x === 0 && y === 0 ? ['', '', '', ''] : [String(round(x, 3)), String(round(y, 3)), String(round(s, 6)), flagNames(p.flags[slot])],
  );
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
