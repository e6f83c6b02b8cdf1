import type { Box, Frame, Pose, TrackedPose } from '../types';
import type { ModelCallTimes } from '../models/call-times';
import type { DetectViewsOption } from '../detect/detector';

/** A box handed to the pose model, with where it came from and how long the detector missed it. */
export interface CandidateBox extends Box {
  source: 'detector' | 'propagated';
  /** Consecutive detector runs that found no box for this person; 0 for detector boxes. */
  detectorMisses: number;
}

/** A pose of the previous frame, remembered for propagation with its box's miss count. */
export interface PropagationSource {
  pose: Pose;
  detectorMisses: number;
}

/** What the runner needs from a detector (core/detect's Detector has this shape). */
export interface BoxDetector {
  /**
   * `fullFrameOnly` skips the tiles for this frame (the full-frame pass alone); `tilesNear` runs
   * only the tiles around these boxes (core/detect's DetectViewsOption).
   */
  detect(frame: Frame, options?: DetectViewsOption): Promise<Box[]>;
  /** Several frames in one go (one result per frame, in order), where the detector can batch them. */
  detectFrames?(requests: readonly ({ frame: Frame } & DetectViewsOption)[]): Promise<Box[][]>;
  /** Where the detector's time went (core/detect's Detector keeps it). */
  readonly times?: ModelCallTimes;
}

/** What the runner needs from a pose model (core/pose's PoseEstimator has this shape). */
export interface PoseModel {
  /** One pose per box, in the boxes' order. */
  estimate(frame: Frame, boxes: Box[]): Promise<Pose[]>;
  readonly times?: ModelCallTimes;
}

/** What the runner needs from a tracker (core/track's PoseTracker has this shape). */
export interface FrameTracker {
  /** `frame` lets the tracker tell people apart by their colours (or a re-ID model's embedding) as well. */
  update(frameIndex: number, poses: readonly Pose[], frame?: Frame): TrackedPose[] | Promise<TrackedPose[]>;
}

/** Wall time spent in each stage, in ms. Stages overlap, so the sum exceeds the run's wall time. */
export interface StageTimesMs {
  decode: number;
  /** Time the detect stage waited for the decoder with nothing to do. */
  decodeWait: number;
  detect: number;
  propagate: number;
  pose: number;
  track: number;
}
