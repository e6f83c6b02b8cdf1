import type { Box, FramePoses, TrackedPose } from '../types';
import { fitMotion, type BoxMotion, type SeenBox } from './motion';
import { newViewMemory, recordView, type ViewMemory } from './whole-view';

/** One track id's span in a result: its first and last poses and how it was moving at its end. */
export interface TrackPiece {
  trackId: number;
  startFrame: number;
  endFrame: number;
  firstPose: TrackedPose;
  lastPose: TrackedPose;
  /**
   * The last pose that showed the whole person and its frame (see isPartialView): a piece that
   * ends behind an occluder ends on boxes cut by its edge, whose centres are off the person's.
   */
  lastWholePose: TrackedPose;
  lastWholeFrame: number;
  /**
   * The pose with the largest box of the piece's first frames: a piece coming out from behind
   * something starts with boxes cut by its edge and joints guessed on it.
   */
  firstWholePose: TrackedPose;
  firstWholeFrame: number;
  /** Box motion over the piece's first whole boxes (START_WINDOW_FRAMES), for extrapolating back across a gap. */
  startMotion: BoxMotion;
  /** Box motion over the piece's last whole boxes, for extrapolating across a gap. */
  endMotion: BoxMotion;
  /** The person's usual box height at the piece's end (see UsualView), px. */
  endHeightPx: number;
  /** The tallest box of the piece's first frames, px: a person walking in is cut by the edge at first. */
  startHeightPx: number;
}

/** Frames at a piece's start over which its size is taken. */
const START_WINDOW_FRAMES = 10;

type PieceInProgress = Omit<
  TrackPiece,
  'endMotion' | 'endHeightPx' | 'lastWholePose' | 'lastWholeFrame' | 'startMotion'
> & {
  views: ViewMemory;
  startWhole: SeenBox[];
};

/** Every track id's piece, in order of first appearance (one pass over the result). */
export function trackPieces(frames: readonly FramePoses[]): TrackPiece[] {
  const pieces = new Map<number, PieceInProgress>();
  for (const frame of frames) {
    for (const pose of frame.poses) {
      const piece = pieces.get(pose.trackId);
      if (!piece) {
        const { trackId } = pose;
        const h = pose.box.h;
        const f = frame.frameIndex;
        const views = newViewMemory(pose, f);
        pieces.set(trackId, {
          trackId,
          startFrame: f,
          endFrame: f,
          firstPose: pose,
          lastPose: pose,
          firstWholePose: pose,
          firstWholeFrame: f,
          startHeightPx: h,
          views,
          startWhole: [...views.recentWhole],
        });
        continue;
      }
      piece.endFrame = frame.frameIndex;
      piece.lastPose = pose;
      // Motion is fitted to whole views only (see isPartialView).
      const whole = recordView(piece.views, pose, frame.frameIndex, fitMotion(piece.views.recentWhole));
      if (frame.frameIndex - piece.startFrame < START_WINDOW_FRAMES) {
        piece.startHeightPx = Math.max(piece.startHeightPx, pose.box.h);
        if (whole) piece.startWhole.push({ frameIndex: frame.frameIndex, box: pose.box });
        if (area(pose.box) > area(piece.firstWholePose.box)) {
          piece.firstWholePose = pose;
          piece.firstWholeFrame = frame.frameIndex;
        }
      }
    }
  }
  return [...pieces.values()].map(({ views, startWhole, ...piece }) => ({
    ...piece,
    startMotion: fitMotion(startWhole),
    lastWholePose: views.whole.pose as TrackedPose,
    lastWholeFrame: views.whole.frameIndex,
    endMotion: fitMotion(views.recentWhole),
    endHeightPx: views.usual.heightPx,
  }));
}

const area = (box: Box) => box.w * box.h;
