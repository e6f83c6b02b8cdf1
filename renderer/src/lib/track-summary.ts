import type { FramePoses } from '../../../core/types';

export interface TrackSummary {
  trackId: number;
  firstFrame: number;
  lastFrame: number;
  frameCount: number;
  meanScore: number;
}

/** Per-track frame range, frame count and mean pose score, ordered by track id. */
export function summarizeTracks(frames: readonly FramePoses[]): TrackSummary[] {
  const byId = new Map<number, TrackSummary & { scoreSum: number }>();
  for (const frame of frames) {
    for (const pose of frame.poses) {
      let s = byId.get(pose.trackId);
      if (!s) {
        s = {
          trackId: pose.trackId,
          firstFrame: frame.frameIndex,
          lastFrame: frame.frameIndex,
          frameCount: 0,
          meanScore: 0,
          scoreSum: 0,
        };
        byId.set(pose.trackId, s);
      }
      s.firstFrame = Math.min(s.firstFrame, frame.frameIndex);
      s.lastFrame = Math.max(s.lastFrame, frame.frameIndex);
      s.frameCount += 1;
      s.scoreSum += pose.score;
    }
  }
  return [...byId.values()]
    .sort((a, b) => a.trackId - b.trackId)
    .map(({ scoreSum, ...s }) => ({ ...s, meanScore: s.frameCount ? scoreSum / s.frameCount : 0 }));
}
