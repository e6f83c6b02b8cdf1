import { keypointVisibility, type KeypointVisibility } from '../../../core/project/keypoint-edits';
import type { Stores } from './stores.svelte';

/** The stores the review edits read and drive. */
export type ReviewActionDeps = Pick<Stores, 'project' | 'selection' | 'playback' | 'frames' | 'review'>;
import { toasts } from './toasts.svelte';

/**
 * Range, pose and keypoint edits shared by the range bar, the keyboard and the keypoint editor.
 * Each returns false when the selection does not fit, after saying why in a toast.
 */
export function reviewActions(deps: ReviewActionDeps) {
  const { project, selection, playback, review } = deps;
  const needRange = (what: string): boolean => {
    if (review.range) return true;
    toasts.info(
      `Select a frame range to ${what}`,
      'Shift+drag on the timeline, or Shift+click from the current frame.',
    );
    return false;
  };
  const needTracks = (count: number, what: string): boolean => {
    if (project.project && selection.selected.length === count) return true;
    toasts.info(`Select ${count === 1 ? 'one track' : 'two tracks'} to ${what}`);
    return false;
  };
  return {
    /** Deletes the selected track's poses on the range (Shift+Del). */
    deleteInRange(): boolean {
      if (!needTracks(1, 'delete over a range') || !needRange('delete over')) return false;
      const { from, to } = review.range!;
      void project.edit({
        kind: 'deleteRange',
        trackId: selection.selected[0],
        fromFrameIndex: from,
        toFrameIndex: to,
      });
      return true;
    },
    /** Gives the range of the selected track to a new track (Shift+S), or of the second selected track to the first. */
    reassignRange(): boolean {
      if (!project.project || !needRange('reassign')) return false;
      const { from, to } = review.range!;
      if (selection.selected.length === 2) {
        const [targetId, trackId] = selection.selected;
        void project.edit({ kind: 'reassignRange', trackId, targetId, fromFrameIndex: from, toFrameIndex: to });
        return true;
      }
      if (!needTracks(1, 'move a range to a new track')) return false;
      void project.edit({
        kind: 'reassignRange',
        trackId: selection.selected[0],
        fromFrameIndex: from,
        toFrameIndex: to,
      });
      return true;
    },
    /** In this frame, gives the second selected track's pose to the first (G). */
    givePose(): boolean {
      if (!needTracks(2, 'give a pose (first: the one receiving it)')) return false;
      const [toTrackId, fromTrackId] = selection.selected;
      void project.edit({ kind: 'givePose', frameIndex: playback.frameIndex, fromTrackId, toTrackId });
      return true;
    },
    /** Moves the picked keypoint by (dx, dy) image pixels. */
    nudgeKeypoint(dx: number, dy: number): boolean {
      const target = pickedKeypoint(deps);
      if (!target) return false;
      const [x, y] = target.pose.keypoints[target.keypointIndex];
      void project.edit({
        kind: 'keypoint',
        trackId: target.pose.trackId,
        frameIndex: playback.frameIndex,
        keypointIndex: target.keypointIndex,
        x: x + dx,
        y: y + dy,
      });
      return true;
    },
    /** Cycles the picked keypoint visible → occluded → absent → visible (V). */
    cycleVisibility(): boolean {
      const target = pickedKeypoint(deps);
      if (!target) return false;
      const kp = target.pose.keypoints[target.keypointIndex];
      const now = keypointVisibility(kp, target.pose.keypointFlags?.[target.keypointIndex] ?? 0);
      const next: KeypointVisibility = now === 'visible' ? 'occluded' : now === 'occluded' ? 'absent' : 'visible';
      void project.edit({
        kind: 'keypoint',
        trackId: target.pose.trackId,
        frameIndex: playback.frameIndex,
        keypointIndex: target.keypointIndex,
        visibility: next,
      });
      return true;
    },
    /** Picks the next / previous keypoint of the selected track ([ and ]). */
    stepKeypoint(direction: 1 | -1): boolean {
      if (review.editableTrack === null) return false;
      const count = project.schema.names.length;
      review.setKeypoint(review.keypoint === null ? 0 : (review.keypoint + direction + count) % count);
      return true;
    },
  };
}

function pickedKeypoint({ review, frames }: ReviewActionDeps) {
  const trackId = review.editableTrack;
  const keypointIndex = review.keypoint;
  if (trackId === null || keypointIndex === null) return null;
  const pose = frames.currentPoses.find((p) => p.trackId === trackId);
  return pose ? { pose, keypointIndex } : null;
}
