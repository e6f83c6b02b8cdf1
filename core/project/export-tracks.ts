import type { TrackingResult } from '../types';
import { defaultTrackName } from './project-state';

/**
 * What every export takes from a project's track list (the app, `posetrail export`): the names
 * given to tracks, and which tracks are hidden (left out unless the export includes them).
 */
export interface ExportedTrack {
  trackId: number;
  name: string;
  hidden: boolean;
}

/** The result without the tracks the user hid (frames stay, so frame numbering is unchanged). */
export function withoutHiddenTracks(result: TrackingResult, tracks: readonly ExportedTrack[]): TrackingResult {
  const hidden = new Set(tracks.filter((t) => t.hidden).map((t) => t.trackId));
  if (hidden.size === 0) return result;
  return {
    ...result,
    frames: result.frames.map((f) => ({ ...f, poses: f.poses.filter((p) => !hidden.has(p.trackId)) })),
  };
}

/** Names given to the tracks left in `result`, by id; tracks never named get an empty name. */
export function exportedNames(result: TrackingResult, tracks: readonly ExportedTrack[]): Record<number, string> {
  const present = new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)));
  const names: Record<number, string> = {};
  for (const t of tracks)
    if (present.has(t.trackId)) names[t.trackId] = t.name === defaultTrackName(t.trackId) ? '' : t.name;
  return names;
}
