/**
 * Data types shared by every stage of the pipeline. Stages exchange only these shapes, so each
 * module (video, detect, pose, track, export, pipeline) can be built and tested on its own.
 * Units are in the names: pixels unless stated, times in milliseconds, indices 0-based.
 */

/** A rational number such as 30000/1001 fps. */
export interface Rational {
  num: number;
  den: number;
}

export interface VideoInfo {
  /** Absolute path of the file, or of the folder / printf pattern for image sequences. */
  path: string;
  kind: 'video' | 'image-sequence';
  /** Display size, after rotation is applied. */
  width: number;
  height: number;
  fps: Rational;
  frameCount: number;
  durationMs: number;
  codec: string;
  pixelFormat: string;
  /** Clockwise rotation from the container's display matrix, in degrees (0, 90, 180, 270). */
  rotationDeg: number;
  variableFrameRate: boolean;
  /**
   * Presentation time of every frame in ms, from the first frame at 0. Always present, so frame
   * index ↔ time is exact for constant and variable frame rates alike.
   */
  frameTimesMs: number[];
  /** For image sequences: the frame files in playback order. */
  frameFiles?: string[];
}

export interface Frame {
  index: number;
  timestampMs: number;
  width: number;
  height: number;
  /** Packed RGB, row-major, `width * height * 3` bytes. */
  rgb: Uint8Array;
  /**
   * The same picture area-averaged down to a smaller size, when the reader was asked for one
   * (ReadFramesOptions.downscale). The detector never samples it: ffmpeg's scalers average over the
   * source when shrinking, and the detectors were trained on bilinear resizing of the full frame.
   */
  downscaled?: { width: number; height: number; rgb: Uint8Array };
}

/** Axis-aligned box in image pixels: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

/** [x, y, score] in image pixels; score in 0..1. */
export type Keypoint = [x: number, y: number, score: number];

/** The keypoint layouts Posetrail knows (core/keypoints/schema.ts defines each); files and manifests name them so. */
export const KEYPOINT_SCHEMA_IDS = ['coco17', 'posetrack18'] as const;
export type KeypointSchemaId = (typeof KEYPOINT_SCHEMA_IDS)[number];

export interface Pose {
  keypoints: Keypoint[];
  /** The box the pose was estimated in (detected or propagated). */
  box: Box;
  /** Pose score: mean of the confident keypoint scores times the box score. */
  score: number;
  /** Where the box came from. */
  source?: 'detector' | 'propagated';
  /** One bitmask of KEYPOINT_FLAG per keypoint; absent when nothing was edited, filled or smoothed. */
  keypointFlags?: number[];
}

export interface TrackedPose extends Pose {
  trackId: number;
}

export interface FramePoses {
  frameIndex: number;
  timestampMs: number;
  poses: TrackedPose[];
}

/**
 * Two track pieces joined into one identity by stitching after the run: the piece starting at
 * `startFrame` (tracked as `pieceId`) continues `trackId`, last seen at `endFrame`. Kept in the
 * result so the join can be shown and undone.
 */
export interface TrackJoin {
  trackId: number;
  pieceId: number;
  endFrame: number;
  startFrame: number;
  /** Frames unseen between the pieces (startFrame − endFrame − 1). */
  gapFrames: number;
  /** Distance of the later piece's first box from where the earlier piece's motion predicted it, in box heights. */
  distance: number;
  /** Colour similarity of the two pieces (0..1), null when one was never described. */
  appearance: number | null;
  /** The stitching cost (0..1, lower = surer). */
  cost: number;
}

/** The whole result for one video: what the exporters write and the UI shows. */
export interface TrackingResult {
  video: VideoInfo;
  schema: KeypointSchemaId;
  /** One entry per processed frame, ascending frame index. */
  frames: FramePoses[];
  models: { detector: string; pose: string };
  /** Execution provider the pose model ran on ('cpu', 'cuda', 'webgpu', …). */
  executionProvider?: string;
  /** Track pieces stitched into one identity after the run, by startFrame. */
  joins?: TrackJoin[];
}

export type { ExecutionDevice } from './devices';

/** Progress of a long run (tracking, batch, download). */
export interface Progress {
  done: number;
  total: number;
  /** Items per second over the recent window. */
  rate?: number;
  etaMs?: number;
  message?: string;
  /** Set while the run waits for a free slot: how many runs must finish before it starts. */
  waitingForRuns?: number;
}

/**
 * Per-keypoint flags, a bitmask in `Pose.keypointFlags` (absent means all 0): what a person or a
 * filter did to a value, so exports can tell measured from made-up data.
 */
export const KEYPOINT_FLAG = {
  /** Moved or re-labelled by hand in the review screen. */
  edited: 1,
  /** Interpolated across a gap: there was no measurement. */
  filled: 2,
  /** Changed by a smoothing filter. */
  smoothed: 4,
  /** Marked occluded by hand: the position is a guess by the person who reviewed it. */
  occluded: 8,
  /** Added by hand: the reviewer drew a box around a person the detector missed and the pose model ran on it. */
  added: 16,
} as const;

export type KeypointFlagName = keyof typeof KEYPOINT_FLAG;

/** Non-destructive filters applied on top of the raw (edited) result, for preview and export. */
export interface FilterSettings {
  smooth: 'none' | 'one-euro' | 'savgol';
  /** One-Euro: minimum cut-off frequency in Hz (lower = smoother at rest). */
  oneEuroMinCutoffHz: number;
  /** One-Euro: speed coefficient (higher = less lag on fast moves). */
  oneEuroBeta: number;
  /** Savitzky–Golay: window length in frames (odd). */
  savgolWindowFrames: number;
  /** Savitzky–Golay: polynomial order (below the window length). */
  savgolOrder: number;
  /** Gaps of at most this many frames are interpolated; 0 turns gap filling off. */
  maxGapFrames: number;
  gapMethod: 'linear' | 'cubic';
}
