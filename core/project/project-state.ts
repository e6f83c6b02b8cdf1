import type { TrackEdit, TrackMeta } from '../api/pose-api';
import type { FilterSettings, TrackingResult } from '../types';
import { DEFAULT_FILTERS } from '../analysis/filter-settings';
import { assertTrackExists, deleteTrack, splitTrack, swapTracks, trackIdsOf } from './edits';
import { highestTrackId, moveJoins, unjoin } from './joins';
import { mergeTracksLossless, swapTracksInSpan } from './range-edits';
import { applyReviewEdit, type ReviewEdit } from './review-state';
import { defaultTrackName } from '../render/track-label';
import { addPoses } from './added-poses';

/**
 * A project's edited state: the result plus per-track labels. `applyTrackEdit` is the one
 * reducer that turns a TrackEdit into the next state; undo/redo replay edits from the tracked base
 * (replay.ts, which applies the identity edits in place with the same rules).
 */

export interface TrackLabel {
  name?: string;
  hidden?: boolean;
}

export interface EditedState {
  result: TrackingResult;
  /** Names and visibility by track id; tracks without an entry use the defaults. */
  labels: Record<number, TrackLabel>;
  /** Highest id ever used, so a split never reuses the id of a deleted track. */
  maxTrackId: number;
  /** Problem ids marked reviewed, ascending. */
  reviewed: string[];
  filters: FilterSettings;
}

export { defaultTrackName };

export function initialState(result: TrackingResult): EditedState {
  return { result, labels: {}, maxTrackId: highestTrackId(result), reviewed: [], filters: DEFAULT_FILTERS };
}

function withoutLabel(labels: Record<number, TrackLabel>, trackId: number): Record<number, TrackLabel> {
  const next = { ...labels };
  delete next[trackId];
  return next;
}

export function applyTrackEdit(state: EditedState, edit: TrackEdit): EditedState {
  switch (edit.kind) {
    case 'rename':
      assertTrackExists(state.result, edit.trackId);
      return {
        ...state,
        labels: { ...state.labels, [edit.trackId]: { ...state.labels[edit.trackId], name: edit.name.trim() } },
      };
    case 'setHidden':
      assertTrackExists(state.result, edit.trackId);
      return {
        ...state,
        labels: { ...state.labels, [edit.trackId]: { ...state.labels[edit.trackId], hidden: edit.hidden } },
      };
    case 'delete':
      return {
        ...state,
        result: deleteTrack(state.result, edit.trackId),
        labels: withoutLabel(state.labels, edit.trackId),
      };
    case 'merge': {
      const merged = mergeTracksLossless(state.result, edit.targetId, edit.sourceId, edit.overlap);
      const sourceLeft = merged.frames.some((f) => f.poses.some((p) => p.trackId === edit.sourceId));
      // The source's joins follow it into the target when nothing of it is left.
      const result = sourceLeft ? merged : moveJoins(merged, edit.sourceId, edit.targetId);
      return { ...state, result, labels: sourceLeft ? state.labels : withoutLabel(state.labels, edit.sourceId) };
    }
    case 'split': {
      const newTrackId = state.maxTrackId + 1;
      const result = moveJoins(
        splitTrack(state.result, edit.trackId, edit.frameIndex, newTrackId),
        edit.trackId,
        newTrackId,
        edit.frameIndex,
      );
      return { ...state, result, maxTrackId: newTrackId };
    }
    case 'unjoin': {
      const { result, pieceId } = unjoin(state.result, edit.trackId, edit.frameIndex, state.maxTrackId + 1);
      return { ...state, result, maxTrackId: Math.max(state.maxTrackId, pieceId) };
    }
    case 'swap':
      if (edit.toFrameIndex === undefined)
        return { ...state, result: swapTracks(state.result, edit.trackIdA, edit.trackIdB, edit.frameIndex) };
      return {
        ...state,
        result: swapTracksInSpan(state.result, edit.trackIdA, edit.trackIdB, {
          fromFrameIndex: edit.frameIndex,
          toFrameIndex: edit.toFrameIndex,
        }),
      };
    case 'addPoses': {
      const trackId = edit.trackId ?? state.maxTrackId + 1;
      return {
        ...state,
        result: addPoses(state.result, trackId, edit.poses),
        maxTrackId: Math.max(state.maxTrackId, trackId),
      };
    }
    default:
      return applyReviewEdit(state, edit satisfies ReviewEdit);
  }
}

/** The track list the UI shows: every track present in the result, ascending id. */
export function trackMetaOf(state: EditedState, colorOf: (trackId: number) => string): TrackMeta[] {
  return trackIdsOf(state.result).map((trackId) => ({
    trackId,
    name: state.labels[trackId]?.name ?? defaultTrackName(trackId),
    hidden: state.labels[trackId]?.hidden ?? false,
    colorHex: colorOf(trackId),
  }));
}
