import type { Box, FramePoses, TrackedPose } from '../types';
import { STILL, updateMotion, type BoxMotion } from './motion';

/** One track id's span in a result: its first and last poses and how it was moving at its end. */
export interface TrackPiece {
  trackId: number;
  startFrame: number;
  endFrame: number;
  firstPose: TrackedPose;
  lastPose: TrackedPose;
  /** Box motion over the piece's last frames, for extrapolating across a gap. */
  endMotion: BoxMotion;
}

/** Frames over which a piece's final motion is measured. */
const MOTION_WINDOW_FRAMES = 5;
/** Weight of each newer box in the motion average (as the tracker's velocity smoothing). */
const MOTION_SMOOTHING = 0.5;

/** Every track id's piece, in order of first appearance (one pass over the result). */
export function trackPieces(frames: readonly FramePoses[]): TrackPiece[] {
  const pieces = new Map<number, TrackPiece>();
  const recent = new Map<number, { frame: number; box: Box }[]>();
  for (const frame of frames) {
    for (const pose of frame.poses) {
      const piece = pieces.get(pose.trackId);
      if (piece) {
        piece.endFrame = frame.frameIndex;
        piece.lastPose = pose;
      } else {
        pieces.set(pose.trackId, { trackId: pose.trackId, startFrame: frame.frameIndex, endFrame: frame.frameIndex, firstPose: pose, lastPose: pose, endMotion: { ...STILL } });
      }
      const boxes = recent.get(pose.trackId) ?? [];
      boxes.push({ frame: frame.frameIndex, box: pose.box });
      if (boxes.length > MOTION_WINDOW_FRAMES) boxes.shift();
      recent.set(pose.trackId, boxes);
    }
  }
  for (const piece of pieces.values()) {
    const boxes = recent.get(piece.trackId)!;
    let motion: BoxMotion = { ...STILL };
    for (let i = 1; i < boxes.length; i++) {
      motion = updateMotion(motion, boxes[i - 1].box, boxes[i].box, boxes[i].frame - boxes[i - 1].frame, i === 1 ? 1 : MOTION_SMOOTHING);
    }
    piece.endMotion = motion;
  }
  return [...pieces.values()];
}
