import type { FramePoses, TrackJoin, VideoInfo } from '../types';
import { DEFAULT_TRACKER_OPTIONS, PoseTracker, stitchTracks, type TrackerOptions } from '../track';


export interface RelinkSettings {
  /** Lost-track memory in the tracker (re-linking people after occlusions and short exits). */
  relink: boolean;
  /** Stitching of track pieces after the run. */
  stitch: boolean;
  maxGapMs: number;
}

/** The gap in frames of this video: maxGapMs at the video's mean frame rate, rounded. */
export function maxGapFramesOf(video: Pick<VideoInfo, 'fps'>, maxGapMs: number): number {
  const fps = video.fps.den > 0 ? video.fps.num / video.fps.den : 0;
  return Math.max(0, Math.round((maxGapMs / 1000) * fps));
}

/**
 * The tracker options of a run's memory: with re-linking on, lost tracks are remembered for the
 * maximum gap; with it off, the tracker keeps only its short default memory and no lost-track stage.
 */
export function relinkTrackerOptions(video: Pick<VideoInfo, 'fps'>, settings: RelinkSettings): Partial<TrackerOptions> {
  if (!settings.relink) return { lostMemory: false };
  const maxAgeFrames = maxGapFramesOf(video, settings.maxGapMs);
  return { maxAgeFrames, relinkMaxFrames: Math.min(DEFAULT_TRACKER_OPTIONS.relinkMaxFrames, maxAgeFrames) };
}

/** Stitches the run's track pieces when stitching is on; the joins are kept for display and undo. */
export function stitchRun(
  frames: FramePoses[],
  tracker: PoseTracker,
  video: Pick<VideoInfo, 'fps'>,
  settings: RelinkSettings,
): { frames: FramePoses[]; joins: TrackJoin[] } {
  if (!settings.stitch) return { frames, joins: [] };
  return stitchTracks(frames, {
    ...tracker.options,
    maxGapFrames: maxGapFramesOf(video, settings.maxGapMs),
    appearanceOf: (trackId) => tracker.appearanceOf(trackId),
  });
}
