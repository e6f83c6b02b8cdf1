import type { Pose, TrackedPose } from '../types';
import { greedyAssign } from './greedy-assign';
import { oksMatrix } from './oks-matrix';
import { MAX_TRACK_ID_EXCLUSIVE, resolveTrackerOptions, type TrackerOptions } from './options';
import { predictPose, updateVelocity } from './predict-pose';
import type { Track, TrackInfo } from './track-state';

/**
 * Links the poses of successive frames into tracks by OKS (DESIGN.md §1 "track").
 *
 * Each `update` runs named steps: expire old tracks → match the active tracks (seen in the
 * previous frame, strict `minOks` against their motion-predicted pose) → re-link the remaining
 * poses to the tracks still unmatched, lost or not (looser `relinkMinOks` inside the re-link
 * window: after an occlusion, or for a fast mover whose velocity is not known yet) → update the matched
 * tracks → start new tracks for the poses left over → mark the unmatched tracks lost.
 *
 * Two stages instead of one matrix: an active track, when present, is almost always the right
 * answer, so it must not lose a pose to a lost track that a looser threshold happens to accept.
 *
 * Ids are per tracker instance, from 0, below 10000 (PoseTrack's limit; after 10000 tracks they
 * wrap around, skipping ids still live).
 */
export class PoseTracker {
  readonly options: TrackerOptions;
  private tracks: Track[] = [];
  private nextId = 0;
  private lastFrameIndex = -Infinity;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = resolveTrackerOptions(options);
  }

  /** Assigns a track id to each pose of frame `frameIndex`; returns them in input order. */
  update(frameIndex: number, poses: readonly Pose[]): TrackedPose[] {
    if (!Number.isInteger(frameIndex) || frameIndex <= this.lastFrameIndex) {
      throw new Error(
        `PoseTracker.update: frame index ${frameIndex} must be an integer greater than the previous one (${this.lastFrameIndex}).`,
      );
    }
    this.lastFrameIndex = frameIndex;
    this.expireOldTracks(frameIndex);
    const trackOfPose = new Array<Track | undefined>(poses.length);
    const active = this.tracks.filter((t) => t.state === 'active');
    const lost = this.tracks.filter((t) => t.state === 'lost');
    const leftover = this.matchActive(frameIndex, poses, active, trackOfPose);
    const unmatchedActive = active.filter((t) => !trackOfPose.includes(t));
    this.relinkUnmatched(frameIndex, poses, leftover, [...unmatchedActive, ...lost], trackOfPose);
    this.updateMatched(frameIndex, poses, trackOfPose);
    this.startNewTracks(frameIndex, poses, trackOfPose);
    this.markUnmatchedLost(frameIndex);
    return poses.map((pose, i) => ({ ...pose, trackId: trackOfPose[i]!.id }));
  }

  /** Tracks still alive (active or lost), oldest first. */
  get liveTracks(): readonly TrackInfo[] {
    return this.tracks.map((t) => ({ ...t, velocity: { ...t.velocity } }));
  }

  /** Ends tracks whose gap, when frames were skipped, already exceeds maxAgeFrames. */
  private expireOldTracks(frameIndex: number): void {
    for (const track of this.tracks) {
      if (unseenFrames(track, frameIndex) > this.options.maxAgeFrames) track.state = 'ended';
    }
    this.tracks = this.tracks.filter((t) => t.state !== 'ended');
  }

  /** Stage 1; returns the indices of the poses it left unmatched. */
  private matchActive(
    frameIndex: number,
    poses: readonly Pose[],
    active: Track[],
    trackOfPose: (Track | undefined)[],
  ): number[] {
    const { sigmas, minKeypointScore, minOks } = this.options;
    const references = active.map((t) => predictPose(t.lastPose, t.velocity, frameIndex - t.lastFrameIndex));
    const sim = oksMatrix(poses, references, sigmas, minKeypointScore);
    const { matches, unmatchedPoses } = greedyAssign(sim, minOks, active.length);
    for (const [p, t] of matches) trackOfPose[p] = active[t];
    return unmatchedPoses;
  }

  /**
   * Stage 2: inside the re-link window an unmatched track is compared at its predicted position with the
   * looser threshold; older lost tracks only at their last position, and only when the pose
   * reaches the strict threshold (their similarity is zeroed otherwise).
   */
  private relinkUnmatched(
    frameIndex: number,
    poses: readonly Pose[],
    poseIndices: number[],
    candidates: Track[],
    trackOfPose: (Track | undefined)[],
  ): void {
    if (poseIndices.length === 0 || candidates.length === 0) return;
    const { sigmas, minKeypointScore, minOks, relinkMinOks, relinkMaxFrames } = this.options;
    const inWindow = candidates.map((t) => unseenFrames(t, frameIndex) <= relinkMaxFrames);
    const references = candidates.map((t, i) =>
      inWindow[i] ? predictPose(t.lastPose, t.velocity, frameIndex - t.lastFrameIndex) : t.lastPose,
    );
    const sim = oksMatrix(poseIndices.map((p) => poses[p]), references, sigmas, minKeypointScore).map((row) =>
      row.map((s, i) => (inWindow[i] || s >= minOks ? s : 0)),
    );
    const threshold = Math.min(relinkMinOks, minOks);
    for (const [row, t] of greedyAssign(sim, threshold, candidates.length).matches) {
      trackOfPose[poseIndices[row]] = candidates[t];
    }
  }

  private updateMatched(frameIndex: number, poses: readonly Pose[], trackOfPose: (Track | undefined)[]): void {
    trackOfPose.forEach((track, p) => {
      if (!track) return;
      const gapFrames = frameIndex - track.lastFrameIndex;
      track.velocity = updateVelocity(track.velocity, track.lastPose, poses[p], gapFrames, this.options.velocitySmoothing);
      track.lastPose = poses[p];
      track.lastFrameIndex = frameIndex;
      track.hits++;
      track.state = 'active';
    });
  }

  private startNewTracks(frameIndex: number, poses: readonly Pose[], trackOfPose: (Track | undefined)[]): void {
    poses.forEach((pose, p) => {
      if (trackOfPose[p]) return;
      const track: Track = {
        id: this.allocateId(),
        state: 'active',
        lastPose: pose,
        lastFrameIndex: frameIndex,
        firstFrameIndex: frameIndex,
        hits: 1,
        velocity: { vx: 0, vy: 0 },
      };
      this.tracks.push(track);
      trackOfPose[p] = track;
    });
  }

  /** Unmatched tracks become lost, or end once they have missed more than maxAgeFrames frames. */
  private markUnmatchedLost(frameIndex: number): void {
    for (const track of this.tracks) {
      if (track.lastFrameIndex === frameIndex) continue;
      track.state = unseenFrames(track, frameIndex + 1) > this.options.maxAgeFrames ? 'ended' : 'lost';
    }
    this.tracks = this.tracks.filter((t) => t.state !== 'ended');
  }

  private allocateId(): number {
    const live = new Set(this.tracks.map((t) => t.id));
    if (live.size >= MAX_TRACK_ID_EXCLUSIVE) {
      throw new Error(`PoseTracker: ${MAX_TRACK_ID_EXCLUSIVE} tracks are live at once; no track id is free.`);
    }
    while (live.has(this.nextId)) this.nextId = (this.nextId + 1) % MAX_TRACK_ID_EXCLUSIVE;
    const id = this.nextId;
    this.nextId = (this.nextId + 1) % MAX_TRACK_ID_EXCLUSIVE;
    return id;
  }
}

/** Frames strictly between the track's last match and `frameIndex`: 0 if seen in the frame before. */
function unseenFrames(track: Track, frameIndex: number): number {
  return frameIndex - track.lastFrameIndex - 1;
}
