/**
 * Builds a run's stages from its resolved options, in one place, so every setting reaches the
 * stage that uses it: the detector (box score, tiling, input size), the pose model (flip test),
 * the re-ID model, the tracker (the run's minimum keypoint score, the pose model's OKS sigmas, the
 * re-link memory and the format's track id bound) and the stitcher (the maximum gap).
 */
import { MAX_TRACK_ID_EXCLUSIVE } from '../export/schemas/posetrack18';
import type { KeypointSchema } from '../keypoints/schema';
import type { PersonEmbedder } from '../pose/reid-embedder';
import { DEFAULT_TRACKER_OPTIONS, PoseTracker, stitchTracks, withoutShortTracks, type TrackerSettings } from '../track';
import type { FramePoses, TrackJoin, VideoInfo } from '../types';
import {
  loadModels,
  type DetectorFactoryOptions,
  type LoadedDetector,
  type LoadedModels,
  type LoadedPoseEstimator,
  type ModelFactories,
  type PoseFactoryOptions,
} from './load-models';
import type { ResolvedTrackOptions } from './track-options';

/** What builds the run's models: the ONNX sessions in a run, fakes in tests. */
export interface StageFactories<D extends LoadedDetector, P extends LoadedPoseEstimator> extends ModelFactories<D, P> {
  /** The re-ID model, or undefined when it cannot be used (see loadReidModel). */
  loadReidModel(options: ReidFactoryOptions): Promise<PersonEmbedder | undefined>;
  /** Threads per model when the run names none: the detector's thread, and the pose and re-ID models'. */
  defaultThreads: { detector: number; pose: number };
}

export interface ReidFactoryOptions {
  reidModel?: string;
  device: ResolvedTrackOptions['device'];
  threads?: number;
  onWarning: (message: string) => void;
}

export interface RunStages<D, P> {
  /** Loads the detector and the pose model side by side (see loadModels). */
  loadModels(onWarning: (message: string) => void): Promise<LoadedModels<D, P>>;
  loadReidModel(onWarning: (message: string) => void): Promise<PersonEmbedder | undefined>;
  createTracker(video: Pick<VideoInfo, 'fps'>, schema: Pick<KeypointSchema, 'sigmas'>): PoseTracker;
  /** Stitches the run's track pieces when stitching is on; the joins are kept for display and undo. */
  stitch(
    frames: FramePoses[],
    tracker: PoseTracker,
    video: Pick<VideoInfo, 'fps' | 'width' | 'height'>,
  ): { frames: FramePoses[]; joins: TrackJoin[] };
}

/** The stages of a run with these options, built by these factories. */
export function buildStages<D extends LoadedDetector, P extends LoadedPoseEstimator>(
  settings: ResolvedTrackOptions,
  factories: StageFactories<D, P>,
): RunStages<D, P> {
  return {
    loadModels: (onWarning) =>
      loadModels(
        detectorOptionsOf(settings, factories, onWarning),
        poseOptionsOf(settings, factories, onWarning),
        factories,
        onWarning,
      ),
    loadReidModel: (onWarning) => factories.loadReidModel(reidOptionsOf(settings, factories, onWarning)),
    createTracker: (video, schema) => new PoseTracker(trackerSettingsOf(settings, schema, video)),
    stitch: (frames, tracker, video) => stitchRun(frames, tracker, video, settings),
  };
}

type Threads = Pick<StageFactories<LoadedDetector, LoadedPoseEstimator>, 'defaultThreads'>;

export function detectorOptionsOf(
  settings: ResolvedTrackOptions,
  factories: Threads,
  onWarning: (message: string) => void,
): DetectorFactoryOptions {
  return {
    model: settings.detector,
    device: settings.device,
    threads: settings.threads ?? factories.defaultThreads.detector,
    onWarning,
    minScore: settings.minBoxScore,
    tiling: settings.detectorTiling,
    ...(settings.detectorInputSizePx !== undefined && { inputSizePx: settings.detectorInputSizePx }),
  };
}

export function poseOptionsOf(
  settings: ResolvedTrackOptions,
  factories: Threads,
  onWarning: (message: string) => void,
): PoseFactoryOptions {
  return {
    model: settings.poseModel,
    device: settings.device,
    threads: settings.threads ?? factories.defaultThreads.pose,
    onWarning,
    flipTest: settings.flipTest,
  };
}

export function reidOptionsOf(
  settings: ResolvedTrackOptions,
  factories: Threads,
  onWarning: (message: string) => void,
): ReidFactoryOptions {
  return {
    reidModel: settings.reidModel,
    device: settings.device,
    threads: settings.threads ?? factories.defaultThreads.pose,
    onWarning,
  };
}

/**
 * The tracker's settings: the run's minimum keypoint score, the schema's sigmas, the re-link
 * memory, and PoseTrack's track id bound (every export format keeps the tracker's ids).
 */
export function trackerSettingsOf(
  settings: Pick<ResolvedTrackOptions, 'minKeypointScore' | 'relink' | 'maxGapMs'>,
  schema: Pick<KeypointSchema, 'sigmas'>,
  video: Pick<VideoInfo, 'fps'>,
): TrackerSettings {
  return {
    minKeypointScore: settings.minKeypointScore,
    sigmas: schema.sigmas,
    maxTrackIds: MAX_TRACK_ID_EXCLUSIVE,
    ...relinkTrackerOptions(video, settings),
  };
}

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
export function relinkTrackerOptions(
  video: Pick<VideoInfo, 'fps'>,
  settings: Pick<RelinkSettings, 'relink' | 'maxGapMs'>,
): Partial<TrackerSettings> {
  if (!settings.relink) return { lostMemory: false };
  const maxAgeFrames = maxGapFramesOf(video, settings.maxGapMs);
  return { maxAgeFrames, relinkMaxFrames: Math.min(DEFAULT_TRACKER_OPTIONS.relinkMaxFrames, maxAgeFrames) };
}

/**
 * Stitches the run's track pieces when stitching is on (the joins are kept for display and
 * undo), then leaves out the tracks still seen in fewer than MIN_TRACK_FRAMES frames. With
 * stitching off the result is the tracker's own, every track kept.
 */
export function stitchRun(
  frames: FramePoses[],
  tracker: PoseTracker,
  video: Pick<VideoInfo, 'fps' | 'width' | 'height'>,
  settings: RelinkSettings,
): { frames: FramePoses[]; joins: TrackJoin[] } {
  if (!settings.stitch) return { frames, joins: [] };
  const stitched = stitchTracks(frames, {
    ...tracker.options,
    maxGapFrames: maxGapFramesOf(video, settings.maxGapMs),
    pictureSizePx: [video.width, video.height],
    appearanceOf: (trackId) => tracker.appearanceOf(trackId),
  });
  return withoutShortTracks(stitched.frames, stitched.joins);
}
