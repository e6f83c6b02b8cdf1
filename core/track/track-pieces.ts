import type { Box, FramePoses, TrackedPose } from '../types';
import { isPartialBox, STILL, updateMotion, updateUsualHeight, type BoxMotion } from './motion';

/** One track id's span in a result: its first and last poses and how it was moving at its end. */
export interface TrackPiece {
  trackId: number;
  startFrame: number;
  endFrame: number;
  firstPose: TrackedPose;
  lastPose: TrackedPose;
  /** Box motion over the piece's last whole boxes, for extrapolating across a gap. */
  endMotion: BoxMotion;
  /** The person's usual box height at the piece's end (see updateUsualHeight), px. */
  endHeightPx: number;
  /** The tallest box of the piece's first frames, px: a person walking in is cut by the edge at first. */
  startHeightPx: number;
}

/** Frames over which a piece's final motion is measured. */
const MOTION_WINDOW_FRAMES = 5;
/** Frames at a piece's start over which its size is taken. */
const START_WINDOW_FRAMES = 10;
/** Weight of each newer box in the motion average (as the tracker's velocity smoothing). */
const MOTION_SMOOTHING = 0.5;

/** Every track id's piece, in order of first appearance (one pass over the result). */
export function trackPieces(frames: readonly FramePoses[]): TrackPiece[] {
  const pieces = new Map<number, TrackPiece & { recent: RecentBox[] }>();
  for (const frame of frames) {
    for (const pose of frame.poses) {
      let piece = pieces.get(pose.trackId);
      if (piece) {
        piece.endFrame = frame.frameIndex;
        piece.lastPose = pose;
        piece.endHeightPx = updateUsualHeight(piece.endHeightPx, pose.box.h);
        if (frame.frameIndex - piece.startFrame < START_WINDOW_FRAMES) piece.startHeightPx = Math.max(piece.startHeightPx, pose.box.h);
      } else {
        const h = pose.box.h;
        piece = { trackId: pose.trackId, startFrame: frame.frameIndex, endFrame: frame.frameIndex, firstPose: pose, lastPose: pose, endMotion: { ...STILL }, endHeightPx: h, startHeightPx: h, recent: [] };
        pieces.set(pose.trackId, piece);
      }
      // Motion is measured on whole boxes only (see isPartialBox).
      if (isPartialBox(pose.box, piece.endHeightPx)) continue;
      if (piece.recent.length === MOTION_WINDOW_FRAMES) piece.recent.shift();
      piece.recent.push({ frame: frame.frameIndex, box: pose.box, usualHeightPx: piece.endHeightPx });
    }
  }
  return [...pieces.values()].map(({ recent, ...piece }) => ({ ...piece, endMotion: motionOf(recent) }));
}

interface RecentBox {
  frame: number;
  box: Box;
  usualHeightPx: number;
}

function motionOf(boxes: readonly RecentBox[]): BoxMotion {
  let motion: BoxMotion = { ...STILL };
  for (let i = 1; i < boxes.length; i++) {
    const { box, frame, usualHeightPx } = boxes[i];
    motion = updateMotion(motion, boxes[i - 1].box, box, frame - boxes[i - 1].frame, i === 1 ? 1 : MOTION_SMOOTHING, usualHeightPx);
  }
  return motion;
}
