import type { Frame, Pose, TrackedPose } from '../types';
import { meanKeypointScore } from '../keypoints/mean-score';
import { blendAppearance, type Appearance } from './appearance';
import { compareAppearance } from './appearance-verdict';
import { fitMotion, STILL } from './motion';
import { newViewMemory, recordView } from './whole-view';
import { matchLostTracks } from './relink-lost';
import { greedyAssign } from './greedy-assign';
import { oksMatrix } from './oks-matrix';
import { resolveTrackerOptions, type TrackerOptions, type TrackerSettings } from './options';
import { predictPose, updateVelocity } from './predict-pose';
import { unseenFrames, type Track, type TrackInfo } from './track-state';
import { relinkByBox } from './relink-box';
import { poseAppearances } from './pose-appearances';
import { TrackIdPool } from './track-ids';
import { mayReturnInPlace } from './in-place';

/**
 * Links the poses of successive frames into tracks by OKS (docs/tracking.md).
 *
 * Each `update` runs named steps: expire old tracks → match the active tracks (seen in the
 * previous frame, strict `minOks` against their motion-predicted pose or their last pose,
 * whichever is closer) → re-link the remaining poses to the tracks still unmatched, lost or not
 * (looser `relinkMinOks` inside the re-link window: after an occlusion, or for a fast mover whose
 * velocity is not known yet) → re-link by box position the poses no OKS recognised, where only one
 * track is near → match the confident poses still left against every lost track by predicted
 * position, pose shape and colours (lost-track memory, see matchLostTracks) → update the matched
 * tracks → start new tracks for the confident poses left over (weak ones are left out) → mark the
 * unmatched tracks lost. Why two stages and not one matrix: docs/tracking.md.
 *
 * Ids are per tracker instance, from 0, below `maxTrackIds` (the output format's bound; after that
 * many tracks they wrap around, skipping ids still live).
 */
export class PoseTracker {
  readonly options: TrackerOptions;
  private tracks: Track[] = [];
  private readonly ids: TrackIdPool;
  private lastFrameIndex = -Infinity;
  /** Appearance of every track ever started, ended ones too (for stitching pieces after the run). */
  private readonly appearanceById = new Map<number, Appearance>();
  /** This frame's colour description of each pose (null without pixels), for the re-link stages. */
  private appearances: (Appearance | null)[] = [];

  constructor(settings: TrackerSettings) {
    this.options = resolveTrackerOptions(settings);
    this.ids = new TrackIdPool(this.options.maxTrackIds);
  }

  /**
   * Assigns a track id to each pose of frame `frameIndex`; returns them in input order, without
   * the poses too weak to start a track that continued none (`minNewTrackScore`). With the
   * frame's pixels, people are also told apart by the colours along their skeletons; with
   * `embeddings` (a person re-ID model's, one per pose or null, see PersonEmbedder), by those instead.
   */
  update(
    frameIndex: number,
    poses: readonly Pose[],
    frame?: Frame,
    embeddings?: readonly (Float32Array | null)[],
  ): TrackedPose[] {
    if (!Number.isInteger(frameIndex) || frameIndex <= this.lastFrameIndex) {
      throw new Error(
        `PoseTracker.update: frame index ${frameIndex} must be an integer greater than the previous one (${this.lastFrameIndex}).`,
      );
    }
    if (embeddings && embeddings.length !== poses.length) {
      throw new Error(
        `PoseTracker.update: ${embeddings.length} embeddings for ${poses.length} poses in frame ${frameIndex}.`,
      );
    }
    this.lastFrameIndex = frameIndex;
    this.expireOldTracks(frameIndex);
    const trackOfPose = new Array<Track | undefined>(poses.length);
    const relinkedByBox = new Set<number>();
    // Confident poses first, then weak ones for the tracks left (as ByteTrack does with boxes): a
    // weak pose lingering where a person was must not take their track from the confident pose
    // of where they are now.
    const isConfident = poses.map((pose) => meanKeypointScore(pose.keypoints) >= this.options.minNewTrackScore);
    const appearances = poseAppearances(poses, isConfident, this.options.minKeypointScore, frame, embeddings);
    this.appearances = appearances;
    for (const confident of [true, false]) {
      const tier = poses.flatMap((_, p) => (isConfident[p] === confident ? [p] : []));
      const free = (t: Track) => !trackOfPose.includes(t);
      const active = this.tracks.filter((t) => t.state === 'active' && free(t));
      const lost = this.tracks.filter((t) => t.state === 'lost' && free(t));
      const leftover = this.matchActive(frameIndex, poses, tier, active, trackOfPose);
      this.relinkUnmatched(frameIndex, poses, leftover, [...active.filter(free), ...lost], trackOfPose);
      const byBox = relinkByBox(frameIndex, poses, tier, this.tracks, trackOfPose, this.options, (t, p) =>
        this.coloursDisagree(t, p, frameIndex),
      );
      for (const p of byBox) relinkedByBox.add(p);
      if (confident && this.options.lostMemory) {
        const returning = tier
          .filter((p) => !trackOfPose[p])
          .map((p) => ({ index: p, pose: poses[p], appearance: appearances[p] }));
        const stillLost = this.tracks.filter((t) => t.state === 'lost' && free(t));
        for (const [p, track] of matchLostTracks(frameIndex, returning, stillLost, this.options))
          trackOfPose[p] = track;
      }
    }
    const partial = this.updateMatched(frameIndex, poses, trackOfPose, relinkedByBox);
    this.startNewTracks(frameIndex, poses, trackOfPose);
    this.updateAppearances(trackOfPose, appearances, partial);
    this.markUnmatchedLost(frameIndex);
    return poses.flatMap((pose, i) => {
      const track = trackOfPose[i];
      return track ? [{ ...pose, trackId: track.id }] : [];
    });
  }

  /** Tracks still alive (active or lost), oldest first. */
  get liveTracks(): readonly TrackInfo[] {
    return this.tracks.map(({ appearance: _, ...t }) => ({
      ...t,
      velocity: { ...t.velocity },
      motion: { ...t.motion },
      usual: { ...t.usual },
      whole: { ...t.whole },
      recentWhole: [...t.recentWhole],
    }));
  }

  /** The colours a track was last described by (also after it ended); undefined when never seen with pixels. */
  appearanceOf(trackId: number): Appearance | undefined {
    return this.appearanceById.get(trackId);
  }

  /** Ends tracks whose gap, when frames were skipped, already exceeds maxAgeFrames. */
  private expireOldTracks(frameIndex: number): void {
    for (const track of this.tracks) {
      if (unseenFrames(track, frameIndex) > this.options.maxAgeFrames) track.state = 'ended';
    }
    this.tracks = this.tracks.filter((t) => t.state !== 'ended');
  }

  /** Stage 1, for the poses `poseIndices`; returns the indices of those it left unmatched. */
  private matchActive(
    frameIndex: number,
    poses: readonly Pose[],
    poseIndices: number[],
    active: Track[],
    trackOfPose: (Track | undefined)[],
  ): number[] {
    const { sigmas, minKeypointScore, minOks } = this.options;
    // The last pose as well as the predicted one: a velocity measured on a jittery pose can send
    // the prediction off while the person has hardly moved.
    const predicted = active.map((t) => predictPose(t.lastPose, t.velocity, frameIndex - t.lastFrameIndex));
    const tierPoses = poseIndices.map((p) => poses[p]);
    const simPredicted = oksMatrix(tierPoses, predicted, sigmas, minKeypointScore);
    const simLast = oksMatrix(
      tierPoses,
      active.map((t) => t.lastPose),
      sigmas,
      minKeypointScore,
    );
    const sim = simPredicted.map((row, p) => row.map((s, t) => Math.max(s, simLast[p][t])));
    const { matches, unmatchedPoses } = greedyAssign(sim, minOks, active.length);
    for (const [row, t] of matches) trackOfPose[poseIndices[row]] = active[t];
    return unmatchedPoses.map((row) => poseIndices[row]);
  }

  /**
   * Stage 2: inside the re-link window an unmatched track is compared at its predicted position with the
   * looser threshold; older lost tracks only at their last position, and only when the pose
   * reaches the strict threshold and their motion leaves them near there (mayReturnInPlace;
   * their similarity is zeroed otherwise).
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
    const sim = oksMatrix(
      poseIndices.map((p) => poses[p]),
      references,
      sigmas,
      minKeypointScore,
    ).map((row, r) =>
      row.map((s, i) =>
        (inWindow[i] ||
          (s >= minOks && mayReturnInPlace(candidates[i], frameIndex, this.options.motionDampingPerFrame))) &&
        !this.coloursDisagree(candidates[i], poseIndices[r], frameIndex)
          ? s
          : 0,
      ),
    );
    const threshold = Math.min(relinkMinOks, minOks);
    for (const [row, t] of greedyAssign(sim, threshold, candidates.length).matches) {
      trackOfPose[poseIndices[row]] = candidates[t];
    }
  }

  /**
   * Whether pose p's appearance says it is someone else than the track (both known): no re-link
   * may join them. Inside the short re-link window the bar is lower (light changes as a person
   * moves, and a short gap leaves less room for a mix-up); a track lost for longer gets the
   * long-gap bar of the lost-track stage and stitching.
   */
  private coloursDisagree(track: Track, p: number, frameIndex: number): boolean {
    const gap = unseenFrames(track, frameIndex) <= this.options.relinkMaxFrames ? 'short' : 'long';
    return compareAppearance(track.appearance, this.appearances[p], gap, this.options)?.differentPeople ?? false;
  }

  /**
   * Updates the matched tracks. Only a whole view of the person (see isPartialView) feeds their
   * motion and velocity, measured from their previous whole view: a box shrinking against an
   * occluder's edge moves its centre at half the person's speed, then jumps. Returns the poses
   * that showed only part of their person.
   */
  private updateMatched(
    frameIndex: number,
    poses: readonly Pose[],
    trackOfPose: (Track | undefined)[],
    relinkedByBox: ReadonlySet<number>,
  ): Set<number> {
    const { velocitySmoothing, minKeypointScore } = this.options;
    const partial = new Set<number>();
    trackOfPose.forEach((track, p) => {
      if (!track) return;
      const pose = poses[p];
      const previousWhole = track.whole;
      if (!recordView(track, pose, frameIndex, track.motion)) partial.add(p);
      else if (relinkedByBox.has(p)) {
        // A pose OKS did not recognise says little about the motion since the last one: start over.
        track.velocity = { vx: 0, vy: 0 };
        track.motion = { ...STILL };
        track.recentWhole = track.recentWhole.slice(-1);
      } else {
        const sinceWhole = frameIndex - previousWhole.frameIndex;
        track.velocity = updateVelocity(
          track.velocity,
          previousWhole.pose,
          pose,
          sinceWhole,
          velocitySmoothing,
          minKeypointScore,
        );
        track.motion = fitMotion(track.recentWhole);
      }
      track.lastPose = pose;
      track.lastFrameIndex = frameIndex;
      track.hits++;
      track.state = 'active';
    });
    return partial;
  }

  /**
   * Blends each matched pose's colours (where described) into its track, except a partial view's:
   * the colours sampled on joints guessed over an occluder are the occluder's.
   */
  private updateAppearances(
    trackOfPose: (Track | undefined)[],
    appearances: (Appearance | null)[],
    partial: ReadonlySet<number>,
  ): void {
    trackOfPose.forEach((track, p) => {
      const seen = appearances[p];
      if (!track || !seen || partial.has(p)) return;
      track.appearance = blendAppearance(track.appearance, seen, this.options.appearanceSmoothing);
      this.appearanceById.set(track.id, track.appearance);
    });
  }

  private startNewTracks(frameIndex: number, poses: readonly Pose[], trackOfPose: (Track | undefined)[]): void {
    poses.forEach((pose, p) => {
      if (trackOfPose[p] || meanKeypointScore(pose.keypoints) < this.options.minNewTrackScore) return;
      const track: Track = {
        id: this.ids.allocate(new Set(this.tracks.map((t) => t.id))),
        state: 'active',
        lastPose: pose,
        lastFrameIndex: frameIndex,
        firstFrameIndex: frameIndex,
        hits: 1,
        velocity: { vx: 0, vy: 0 },
        motion: { ...STILL },
        ...newViewMemory(pose, frameIndex),
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
}
