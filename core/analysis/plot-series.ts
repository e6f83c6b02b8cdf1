import type { KeypointSchema } from '../keypoints/schema';
import type { FramePoses } from '../types';
import { angleDef, jointAngleDeg, keypointSpeedPxPerS } from './angles';

/** What the plot panel draws for a track: a keypoint's x, y or speed, or a joint angle. */
export type PlotMeasure = { kind: 'x' | 'y' | 'speed'; keypoint: number } | { kind: 'angle'; angleId: string };

export function measureUnit(measure: PlotMeasure): string {
  return measure.kind === 'angle' ? '°' : measure.kind === 'speed' ? 'px/s' : 'px';
}

/**
 * One value per video frame for one track (NaN where the track or the keypoint is missing), so
 * plots index by frame directly. Speeds use the track's pose on the frame before; a gap gives NaN.
 */
export function plotSeries(
  frames: readonly FramePoses[],
  trackId: number,
  measure: PlotMeasure,
  schema: KeypointSchema,
  frameCount: number,
  minScore: number,
): Float32Array {
  const last = frames.length ? frames[frames.length - 1].frameIndex : -1;
  const out = new Float32Array(Math.max(frameCount, last + 1)).fill(Number.NaN);
  const def = measure.kind === 'angle' ? angleDef(measure.angleId) : null;
  let previous: { frameIndex: number; timeMs: number; keypoints: FramePoses['poses'][number]['keypoints'] } | null =
    null;
  for (const frame of frames) {
    const pose = frame.poses.find((p) => p.trackId === trackId);
    if (!pose) {
      previous = null;
      continue;
    }
    let value: number | null = null;
    if (def) value = jointAngleDeg(pose.keypoints, schema, def, minScore);
    else if (measure.kind !== 'angle') {
      const kp = pose.keypoints[measure.keypoint];
      if (measure.kind === 'speed') {
        const adjacent = previous && previous.frameIndex === frame.frameIndex - 1 ? previous : null;
        value = adjacent
          ? keypointSpeedPxPerS(adjacent.keypoints[measure.keypoint], kp, frame.timestampMs - adjacent.timeMs, minScore)
          : null;
      } else if (kp && kp[2] >= minScore && kp[2] > 0) value = measure.kind === 'x' ? kp[0] : kp[1];
    }
    if (value !== null) out[frame.frameIndex] = value;
    previous = { frameIndex: frame.frameIndex, timeMs: frame.timestampMs, keypoints: pose.keypoints };
  }
  return out;
}
