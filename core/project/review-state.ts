import type { TrackEdit } from '../api/pose-api';
import { checkFilterSettings } from '../analysis/filter-settings';
import { ApiError, ERROR_CODES } from '../api/errors';
import { editKeypoint } from './keypoint-edits';
import { deleteTrackInSpan, givePose, reassignTrackInSpan } from './range-edits';
import type { EditedState } from './project-state';

/** The review edits (ranges, single poses, keypoints, problem marks, filters); applyTrackEdit hands them here. */
export type ReviewEdit = Extract<
  TrackEdit,
  { kind: 'deleteRange' | 'reassignRange' | 'givePose' | 'keypoint' | 'review' | 'setFilters' }
>;

export function applyReviewEdit(state: EditedState, edit: ReviewEdit): EditedState {
  switch (edit.kind) {
    case 'deleteRange':
      return { ...state, result: deleteTrackInSpan(state.result, edit.trackId, edit) };
    case 'reassignRange': {
      const targetId = edit.targetId ?? state.maxTrackId + 1;
      const result = reassignTrackInSpan(state.result, edit.trackId, targetId, edit);
      return { ...state, result, maxTrackId: Math.max(state.maxTrackId, targetId) };
    }
    case 'givePose':
      return {
        ...state,
        result: givePose(state.result, edit.frameIndex, edit.fromTrackId, edit.toTrackId),
        maxTrackId: Math.max(state.maxTrackId, edit.toTrackId),
      };
    case 'keypoint':
      return { ...state, result: editKeypoint(state.result, edit) };
    case 'review': {
      const reviewed = new Set(state.reviewed);
      if (edit.reviewed) reviewed.add(edit.problemId);
      else reviewed.delete(edit.problemId);
      return { ...state, reviewed: [...reviewed].sort() };
    }
    case 'setFilters':
      try {
        checkFilterSettings(edit.filters);
      } catch (error) {
        throw new ApiError(ERROR_CODES.invalidArgument, `Filter settings: ${(error as Error).message}`);
      }
      return { ...state, filters: { ...edit.filters } };
  }
}
