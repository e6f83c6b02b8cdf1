import type { TrackingResult } from '../types';
import { csvField } from './csv-field';
import { flagNames } from './flags';
import { prepareExport, type KeypointExport, type PreparedPose } from './prepare';

const FIELDS = ['x', 'y', 'score', 'flags'] as const;
/** With names, each track's block of columns ends with `track<id>_name` (after its keypoints, so the header still starts with ours). */
const NAME_FIELD = 'name';

/**
 * Wide CSV: one row for every frame of the processed span, empty frames included (a frame nobody
 * was found in is a row of empty cells, not a missing row), and one column per track × keypoint ×
 * {x, y, score, flags}: `track3_left_wrist_x`. What time-series tools and spreadsheets want.
 * With `trackNames`, a `track3_name` column closes each track's block: its given name (empty when
 * it has none) in the rows where the track is present.
 */
export function toCsvWide(
  result: TrackingResult,
  keypoints: KeypointExport,
  trackNames?: Record<number, string>,
): string {
  const prepared = prepareExport(result, keypoints);
  const trackIds = [...new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))].sort((a, b) => a - b);
  const names = prepared.keypointNames;
  const nameHeader = (id: number) => (trackNames ? [`track${id}_${NAME_FIELD}`] : []);
  const header = [
    'frame',
    'time_ms',
    ...trackIds.flatMap((id) => [
      ...names.flatMap((name) => FIELDS.map((field) => `track${id}_${name}_${field}`)),
      ...nameHeader(id),
    ]),
  ];
  const lines = [header.join(',')];
  if (result.frames.length === 0) return `${lines[0]}\n`;
  const timeOf = new Map(result.frames.map((f) => [f.frameIndex, f.timestampMs]));
  const first = result.frames[0].frameIndex;
  const last = result.frames[result.frames.length - 1].frameIndex;
  const emptyTrack = new Array<string>(names.length * FIELDS.length + (trackNames ? 1 : 0)).fill('');
  const nameCell = (id: number) => (trackNames ? [csvField(trackNames[id] ?? '')] : []);
  for (let frameIndex = first; frameIndex <= last; frameIndex++) {
    const byTrack = new Map((prepared.posesByFrame.get(frameIndex) ?? []).map((p) => [p.pose.trackId, p]));
    const timeMs = timeOf.get(frameIndex) ?? result.video.frameTimesMs[frameIndex];
    const cells = [String(frameIndex), timeMs === undefined ? '' : String(round(timeMs, 3))];
    for (const id of trackIds) {
      const p = byTrack.get(id);
      cells.push(...(p ? [...trackCells(p), ...nameCell(id)] : emptyTrack));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function trackCells(p: PreparedPose): string[] {
  return p.keypoints.flatMap(([x, y, s], slot) =>
    s === 0 && x === 0 && y === 0
      ? ['', '', '', '']
      : [String(round(x, 3)), String(round(y, 3)), String(round(s, 6)), flagNames(p.flags[slot])],
  );
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
