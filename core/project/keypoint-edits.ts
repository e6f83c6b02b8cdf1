import { KEYPOINT_FLAG, type Box, type Keypoint, type TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';

/** How a reviewer labels a keypoint: seen, hidden behind something (position guessed), or not there. */
export type KeypointVisibility = 'visible' | 'occluded' | 'absent';

export interface KeypointChange {
  trackId: number;
  frameIndex: number;
  keypointIndex: number;
  /** New position in image pixels; absent keeps the current one. */
  x?: number;
  y?: number;
  visibility?: KeypointVisibility;
}

/** Score given to a keypoint a person placed or marked present where the model had none. */
const HAND_PLACED_SCORE = 1;
/** Room left around a keypoint dragged outside its person's box, as a fraction of the box's larger side. */
const BOX_MARGIN_FRACTION = 0.05;

/**
 * The person's box grown to hold a keypoint dragged outside it (with a small margin), so boxes,
 * exports and the next edits see the corrected extent; a keypoint inside leaves the box as it is.
 */
export function boxIncluding(box: Box, x: number, y: number): Box {
  if (x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h) return box;
  const margin = BOX_MARGIN_FRACTION * Math.max(box.w, box.h);
  const left = Math.min(box.x, x - margin);
  const top = Math.min(box.y, y - margin);
  const right = Math.max(box.x + box.w, x + margin);
  const bottom = Math.max(box.y + box.h, y + margin);
  return { ...box, x: left, y: top, w: right - left, h: bottom - top };
}

/**
 * Moves or re-labels one keypoint of one pose and marks it edited. 'absent' sets the score to 0
 * (exports then leave it out) but keeps the position, so marking it visible again restores it.
 * The tracked original stays in the project's base result, so undo brings it back exactly.
 */
export function editKeypoint(result: TrackingResult, change: KeypointChange): TrackingResult {
  const frame = result.frames.find((f) => f.frameIndex === change.frameIndex);
  const pose = frame?.poses.find((p) => p.trackId === change.trackId);
  if (!frame || !pose)
    throw new ApiError(ERROR_CODES.notFound, `Track ${change.trackId} has no pose in frame ${change.frameIndex}.`);
  const k = change.keypointIndex;
  if (!Number.isInteger(k) || k < 0 || k >= pose.keypoints.length) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Keypoint index ${k} is out of range: poses have ${pose.keypoints.length} keypoints (0–${pose.keypoints.length - 1}).`,
    );
  }
  const [x0, y0, s0] = pose.keypoints[k];
  const x = change.x ?? x0;
  const y = change.y ?? y0;
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw new ApiError(ERROR_CODES.invalidArgument, `Keypoint position (${x}, ${y}) is not finite.`);
  let flags = (pose.keypointFlags?.[k] ?? 0) | KEYPOINT_FLAG.edited;
  let score = s0;
  if (change.visibility === 'absent') score = 0;
  else if (score === 0) score = HAND_PLACED_SCORE;
  if (change.visibility === 'occluded') flags |= KEYPOINT_FLAG.occluded;
  if (change.visibility === 'visible' || change.visibility === 'absent') flags &= ~KEYPOINT_FLAG.occluded;
  const keypoints = pose.keypoints.map((kp, i) => (i === k ? ([x, y, score] as Keypoint) : kp));
  const keypointFlags = pose.keypoints.map((_, i) => (i === k ? flags : (pose.keypointFlags?.[i] ?? 0)));
  const box = score > 0 ? boxIncluding(pose.box, x, y) : pose.box;
  const edited = { ...pose, keypoints, keypointFlags, box };
  return {
    ...result,
    frames: result.frames.map((f) =>
      f === frame ? { ...f, poses: f.poses.map((p) => (p === pose ? edited : p)) } : f,
    ),
  };
}

/** The visibility a keypoint has now, as the editor's toggle shows it. */
export function keypointVisibility(keypoint: Keypoint, flags: number): KeypointVisibility {
  if (keypoint[2] === 0) return 'absent';
  return flags & KEYPOINT_FLAG.occluded ? 'occluded' : 'visible';
}
