import type { TrackEdit } from '../api/pose-api';
import type { FramePoses, TrackingResult } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import { missingTrackError, splitRangeError } from './edits';
import { moveJoins } from './joins';
import { applyTrackEdit, initialState, type EditedState } from './project-state';

/**
 * Replays a project's edits from its tracked result: what loading, undo and redo do. The pure
 * reducer copies every frame an edit touches, so thousands of swaps over a long video froze the
 * web host (figures in the README's Benchmarks). Here the identity edits (swap, split, delete, rename, hide) work on one
 * column of track ids, a number per pose in frame order, from the first frame they touch, with
 * each track's pose count kept so "does track N exist" costs nothing; the other edits go through
 * the reducer on the frames the column is written back to. The work is counted in poses visited
 * and bounded, so no project file can stall the host for long.
 */

/**
 * Poses visited over one replay at most (about a second of work on two cores; 8000 swaps over 8000
 * two-person frames take 64 M); a file needing more is refused.
 */
export const MAX_REPLAY_POSE_VISITS = 300_000_000;
const DELETED = -1;

export interface ReplayOptions {
  /** Named in the error when the replay would take too long. */
  source?: string;
}

export interface ReplayStats {
  posesVisited: number;
}

/** Index of the first frame at or after `frameIndex` (frames ascend by index). */
function firstFrameFrom(frames: readonly FramePoses[], frameIndex: number): number {
  let low = 0;
  let high = frames.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (frames[middle].frameIndex < frameIndex) low = middle + 1;
    else high = middle;
  }
  return low;
}

class Replay {
  state: EditedState;
  posesVisited = 0;
  /** Track id of every pose, frame after frame; DELETED for a pose a delete removed. */
  private ids = new Float64Array(0);
  /** Where each frame's poses start in `ids` (one more entry than frames). */
  private starts = new Int32Array(1);
  private counts = new Map<number, number>();
  /** The frames no longer show the column's ids; written back before the reducer runs and at the end. */
  private dirty = false;

  constructor(
    base: TrackingResult,
    private readonly budget: number,
    private readonly source: string,
  ) {
    this.state = initialState(base);
    this.readColumn();
  }

  apply(edit: TrackEdit): void {
    if (edit.kind === 'rename' || edit.kind === 'setHidden') this.label(edit);
    else if (edit.kind === 'swap') this.swap(edit.trackIdA, edit.trackIdB, edit.frameIndex, edit.toFrameIndex);
    else if (edit.kind === 'split') this.split(edit.trackId, edit.frameIndex);
    else if (edit.kind === 'delete') this.delete(edit.trackId);
    else this.reduce(edit);
  }

  finish(): EditedState {
    this.writeColumn();
    return this.state;
  }

  private charge(poses: number): void {
    this.posesVisited += poses;
    if (this.posesVisited > this.budget) {
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `${this.source} has more edits than can be replayed over its ${this.state.result.frames.length} frames (over ${this.budget} pose visits); the file is damaged or hostile.`,
      );
    }
  }

  private readColumn(): void {
    const { frames } = this.state.result;
    this.starts = new Int32Array(frames.length + 1);
    for (let index = 0; index < frames.length; index++)
      this.starts[index + 1] = this.starts[index] + frames[index].poses.length;
    this.ids = new Float64Array(this.starts[frames.length]);
    this.counts = new Map();
    let at = 0;
    for (const frame of frames) {
      for (const pose of frame.poses) {
        this.ids[at++] = pose.trackId;
        this.counts.set(pose.trackId, (this.counts.get(pose.trackId) ?? 0) + 1);
      }
    }
    this.charge(this.ids.length);
  }

  /** New frames and poses where the column changed them; the base result's objects are never changed. */
  private writeColumn(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const frames = this.state.result.frames.map((frame, index) => {
      const offset = this.starts[index];
      let changed = false;
      for (let slot = 0; slot < frame.poses.length && !changed; slot++)
        changed = this.ids[offset + slot] !== frame.poses[slot].trackId;
      if (!changed) return frame;
      const poses = frame.poses.flatMap((pose, slot) => {
        const trackId = this.ids[offset + slot];
        if (trackId === DELETED) return [];
        return [trackId === pose.trackId ? pose : { ...pose, trackId }];
      });
      return { ...frame, poses };
    });
    this.charge(this.ids.length);
    this.state = { ...this.state, result: { ...this.state.result, frames } };
    this.readColumn();
  }

  private exists(trackId: number): void {
    if (!((this.counts.get(trackId) ?? 0) > 0)) throw missingTrackError(trackId);
  }

  /** Names and visibility: the reducer's rules, with the existence check from the counts. */
  private label(edit: Extract<TrackEdit, { kind: 'rename' | 'setHidden' }>): void {
    this.exists(edit.trackId);
    const label = edit.kind === 'rename' ? { name: edit.name.trim() } : { hidden: edit.hidden };
    this.state = {
      ...this.state,
      labels: { ...this.state.labels, [edit.trackId]: { ...this.state.labels[edit.trackId], ...label } },
    };
  }

  private swap(trackIdA: number, trackIdB: number, fromFrameIndex: number, toFrameIndex: number | undefined): void {
    if (trackIdA === trackIdB)
      throw new ApiError(ERROR_CODES.invalidArgument, `Cannot swap track ${trackIdA} with itself.`);
    if (toFrameIndex !== undefined && toFrameIndex < fromFrameIndex) {
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `Frame range ${fromFrameIndex}–${toFrameIndex} is empty: the end comes before the start.`,
      );
    }
    this.exists(trackIdA);
    this.exists(trackIdB);
    const { frames } = this.state.result;
    const from = this.starts[firstFrameFrom(frames, fromFrameIndex)];
    const to = this.starts[toFrameIndex === undefined ? frames.length : firstFrameFrom(frames, toFrameIndex + 1)];
    const ids = this.ids;
    let aToB = 0;
    let bToA = 0;
    for (let at = from; at < to; at++) {
      if (ids[at] === trackIdA) ((ids[at] = trackIdB), aToB++);
      else if (ids[at] === trackIdB) ((ids[at] = trackIdA), bToA++);
    }
    this.counts.set(trackIdA, this.counts.get(trackIdA)! - aToB + bToA);
    this.counts.set(trackIdB, this.counts.get(trackIdB)! - bToA + aToB);
    this.dirty = true;
    this.charge(to - from);
  }

  /** The frame (position in the frame list) that holds pose `at` of the column. */
  private frameOf(at: number): number {
    let low = 0;
    let high = this.starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.starts[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private split(trackId: number, frameIndex: number): void {
    this.exists(trackId);
    const { frames } = this.state.result;
    const ids = this.ids;
    let firstAt = 0;
    while (ids[firstAt] !== trackId) firstAt++;
    let lastAt = ids.length - 1;
    while (ids[lastAt] !== trackId) lastAt--;
    this.charge(firstAt + ids.length - lastAt);
    const first = frames[this.frameOf(firstAt)].frameIndex;
    const last = frames[this.frameOf(lastAt)].frameIndex;
    if (frameIndex <= first || frameIndex > last) throw splitRangeError(trackId, frameIndex, first, last);
    const newTrackId = this.state.maxTrackId + 1;
    let moved = 0;
    const from = this.starts[firstFrameFrom(frames, frameIndex)];
    for (let at = from; at <= lastAt; at++) if (ids[at] === trackId) ((ids[at] = newTrackId), moved++);
    this.counts.set(trackId, this.counts.get(trackId)! - moved);
    this.counts.set(newTrackId, moved);
    this.dirty = true;
    this.charge(lastAt - from + 1);
    this.state = {
      ...this.state,
      result: moveJoins(this.state.result, trackId, newTrackId, frameIndex),
      maxTrackId: newTrackId,
    };
  }

  private delete(trackId: number): void {
    this.exists(trackId);
    const ids = this.ids;
    for (let at = 0; at < ids.length; at++) if (ids[at] === trackId) ids[at] = DELETED;
    this.counts.delete(trackId);
    this.dirty = true;
    this.charge(ids.length);
    const labels = { ...this.state.labels };
    delete labels[trackId];
    this.state = { ...this.state, labels };
  }

  /** Every other edit through the pure reducer, on frames that show the column. */
  private reduce(edit: TrackEdit): void {
    this.writeColumn();
    const before = this.state.result.frames;
    this.state = applyTrackEdit(this.state, edit);
    this.charge(this.ids.length);
    if (this.state.result.frames !== before) this.readColumn();
  }
}

/** The state after `edits`, applied in order to `base` (which is never changed). */
export function replayEdits(
  base: TrackingResult,
  edits: readonly TrackEdit[],
  options: ReplayOptions = {},
  stats?: ReplayStats,
): EditedState {
  const replay = new Replay(base, MAX_REPLAY_POSE_VISITS, options.source ?? 'The project');
  for (const edit of edits) replay.apply(edit);
  const state = replay.finish();
  if (stats) stats.posesVisited = replay.posesVisited;
  return state;
}
