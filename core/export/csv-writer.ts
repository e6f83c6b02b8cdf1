import type { TrackingResult } from '../types';
import { csvField } from './csv-field';
import { flagNames } from './flags';
import { prepareExport, type KeypointExport, type PreparedPose } from './prepare';

export const CSV_HEADER = 'frame,time_ms,track_id,keypoint,x,y,score,flags';
/** The extra last column written when the exporter knows the tracks' names (the app, batch). */
export const CSV_NAME_COLUMN = 'track_name';
/** The column, after `flags`, written when some identity was stitched from pieces. */
export const CSV_PIECE_COLUMN = 'piece_id';

/**
 * Long-form CSV, one row per keypoint: `frame,time_ms,track_id,keypoint,x,y,score,flags` — the
 * shape pandas and spreadsheets pivot easily; `flags` names what was edited, filled or smoothed
 * ("filled+smoothed"), empty for a value as measured. Slots with nothing in them (score 0 at the
 * origin, e.g. PoseTrack's never-annotated ears) get no row. Positions are rounded to 1/1000 px, scores to
 * 1e-6: far below any model's precision, and the file stays readable. With `trackNames` a last
 * `track_name` column holds each track's given name (empty when it has none), quoted as RFC 4180.
 * When identities were stitched from pieces, a `piece_id` column after `flags` says which piece
 * each row was tracked in: the id the tracker gave that piece (the track id itself for tracks
 * never joined), so that a join can be told and undone in a spreadsheet too.
 */
export function toCsv(result: TrackingResult, keypoints: KeypointExport, trackNames?: Record<number, string>): string {
  const prepared = prepareExport(result, keypoints);
  const joined = prepared.info.joins !== undefined;
  const lines = [`${CSV_HEADER}${joined ? `,${CSV_PIECE_COLUMN}` : ''}${trackNames ? `,${CSV_NAME_COLUMN}` : ''}`];
  const nameCell = (trackId: number) => (trackNames ? `,${csvField(trackNames[trackId] ?? '')}` : '');
  const pieceCell = (p: PreparedPose) => (joined ? `,${p.pieceId ?? p.pose.trackId}` : '');
  for (const frame of result.frames) {
    const time = round(frame.timestampMs, 3);
    for (const p of prepared.posesByFrame.get(frame.frameIndex) ?? []) {
      p.keypoints.forEach(([x, y, s], slot) => {
        if (s === 0 && x === 0 && y === 0) return;
        lines.push(
          `${frame.frameIndex},${time},${p.pose.trackId},${prepared.keypointNames[slot]},${round(x, 3)},${round(y, 3)},${round(s, 6)},${flagNames(p.flags[slot])}${pieceCell(p)}${nameCell(p.pose.trackId)}`,
        );
      });
    }
  }
  return `${lines.join('\n')}\n`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
