import { dampedSteps } from './motion';
import type { Track } from './track-state';

/**
 * How far, in the person's usual box heights, a lost track's damped motion may have carried them
 * for their last pose still to be where they may reappear: about their own width (a box is 0.4–0.5
 * heights wide), so that their last box and where they would be now still overlap. Someone who
 * slowed down or stopped behind an obstacle is found there; a walker lost for a second is a body
 * length or more away.
 */
export const MAX_IN_PLACE_DRIFT_HEIGHTS = 0.4;

/**
 * Whether a track lost past the re-link window may be matched at its last pose: only when its
 * damped motion over the frames unseen keeps it near there (someone standing behind an obstacle).
 * A walker lost for a second is a body length or more away; whoever appears where they vanished
 * is someone else crossing the spot (in a crowd, every spot is crossed).
 */
export function mayReturnInPlace(
  track: Pick<Track, 'motion' | 'usual' | 'whole'>,
  frameIndex: number,
  dampingPerFrame: number,
): boolean {
  const speedPxPerFrame = Math.hypot(track.motion.vxPxPerFrame, track.motion.vyPxPerFrame);
  const driftPx = speedPxPerFrame * dampedSteps(frameIndex - track.whole.frameIndex, dampingPerFrame);
  return driftPx <= MAX_IN_PLACE_DRIFT_HEIGHTS * Math.max(track.usual.heightPx, 1);
}
