import type { Box, Pose } from '../types';

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
