import type { FramePoses, TrackJoin } from '../types';

/**
 * A track seen in fewer frames than this (after stitching) is left out of a run's result, as
 * SORT-like trackers confirm a track only after a few hits: a one- or two-frame id is almost
 * always a false detection (a pose found on background texture, a body part), which a person
 * correcting a result would otherwise delete by hand. In the simulated 40-person crowd, 156 of the
 * 160 ids shorter than 10 frames covered no person. A real person glimpsed for two frames is lost,
 * which is also what a two-frame id is worth to a user.
 */
export const MIN_TRACK_FRAMES = 3;

/**
 * The result without the tracks seen in fewer than `minFrames` frames, and without their joins.
 * Tracks that start in the run's last `minFrames - 1` frames are kept (a clip of one or two frames
 * keeps every person).
 */
export function withoutShortTracks(
  frames: readonly FramePoses[],
  joins: readonly TrackJoin[],
  minFrames = MIN_TRACK_FRAMES,
): { frames: FramePoses[]; joins: TrackJoin[] } {
  const framesOf = new Map<number, number>();
  const firstPositionOf = new Map<number, number>();
  frames.forEach((frame, position) => {
    for (const pose of frame.poses) {
      framesOf.set(pose.trackId, (framesOf.get(pose.trackId) ?? 0) + 1);
      if (!firstPositionOf.has(pose.trackId)) firstPositionOf.set(pose.trackId, position);
    }
  });
  // A track that starts too close to the end to be seen minFrames times had no chance to confirm.
  const hadRoom = (id: number): boolean => frames.length - firstPositionOf.get(id)! >= minFrames;
  const short = new Set([...framesOf].filter(([id, n]) => n < minFrames && hadRoom(id)).map(([id]) => id));
  if (short.size === 0) return { frames: [...frames], joins: [...joins] };
  return {
    frames: frames.map((frame) =>
      frame.poses.some((p) => short.has(p.trackId))
        ? { ...frame, poses: frame.poses.filter((p) => !short.has(p.trackId)) }
        : frame,
    ),
    joins: joins.filter((j) => !short.has(j.trackId)),
  };
}
