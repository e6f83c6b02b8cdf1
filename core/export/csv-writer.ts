import type { TrackingResult } from '../types';
import { flagNames } from './flags';
import { prepareExport, type KeypointExport } from './prepare';

export const CSV_HEADER = 'frame,time_ms,track_id,keypoint,x,y,score,flags';

/**
 * Long-form CSV, one row per keypoint: `frame,time_ms,track_id,keypoint,x,y,score,flags` — the
 * shape pandas and spreadsheets pivot easily; `flags` names what was edited, filled or smoothed
 * ("filled+smoothed"), empty for a value as measured. Slots with nothing in them (score 0 at the
 * origin, e.g. PoseTrack's never-annotated ears) get no row. Positions are rounded to 1/1000 px, scores to
 * 1e-6: far below any model's precision, and the file stays readable.
 */
export function toCsv(result: TrackingResult, keypoints: KeypointExport): string {
  const prepared = prepareExport(result, keypoints);
  const lines = [CSV_HEADER];
  for (const frame of result.frames) {
    const time = round(frame.timestampMs, 3);
    for (const p of prepared.posesByFrame.get(frame.frameIndex) ?? []) {
      p.keypoints.forEach(([x, y, s], slot) => {
        if (s === 0 && x === 0 && y === 0) return;
        lines.push(`${frame.frameIndex},${time},${p.pose.trackId},${prepared.keypointNames[slot]},${round(x, 3)},${round(y, 3)},${round(s, 6)},${flagNames(p.flags[slot])}`);
      });
    }
  }
  return `${lines.join('\n')}\n`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
