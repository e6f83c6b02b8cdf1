import type { TrackMeta } from '../api/pose-api';
import type { TrackingResult } from '../types';
import { defaultTrackName } from '../project/project-state';

/** The result without the tracks the user hid (frames stay, so frame numbering is unchanged). */
export function withoutHiddenTracks(result: TrackingResult, tracks: readonly TrackMeta[]): TrackingResult {
  const hidden = new Set(tracks.filter((t) => t.hidden).map((t) => t.trackId));
  if (hidden.size === 0) return result;
  return { ...result, frames: result.frames.map((f) => ({ ...f, poses: f.poses.filter((p) => !hidden.has(p.trackId)) })) };
}

/** Names given to the tracks left in `result`, by id; tracks never named get an empty name. */
export function exportedNames(result: TrackingResult, tracks: readonly TrackMeta[]): Record<number, string> {
  const present = new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)));
  const names: Record<number, string> = {};
  for (const t of tracks) if (present.has(t.trackId)) names[t.trackId] = t.name === defaultTrackName(t.trackId) ? '' : t.name;
  return names;
}
