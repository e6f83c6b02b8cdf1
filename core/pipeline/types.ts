import type { Box, Frame, Pose, TrackedPose } from '../types';

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
  detect(frame: Frame): Promise<Box[]>;
}

/** What the runner needs from a pose model (core/pose's PoseEstimator has this shape). */
export interface PoseModel {
  /** One pose per box, in the boxes' order. */
  estimate(frame: Frame, boxes: Box[]): Promise<Pose[]>;
}

/** What the runner needs from a tracker (core/track's PoseTracker has this shape). */
export interface FrameTracker {
  /** `frame` lets the tracker tell people apart by their colours as well. */
  update(frameIndex: number, poses: readonly Pose[], frame?: Frame): TrackedPose[];
}

/** Wall time spent in each stage, in ms. Stages overlap, so the sum exceeds the run's wall time. */
export interface StageTimesMs {
  decode: number;
  detect: number;
  propagate: number;
  pose: number;
  track: number;
}
