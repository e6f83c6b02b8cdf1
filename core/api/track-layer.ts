import type { FramePoses, KeypointSchemaId } from '../types';

/**
 * A PoseTrack file (ground truth or another tool's predictions) drawn read-only over a video next
 * to Posetrail's own tracks. Its frames map to the video's by index (PoseTrack image order).
 */
export interface TrackLayer {
  /** Absolute path of the file; the only thing the project remembers. */
  path: string;
  /** File name shown in the layer list. */
  name: string;
  /** Frames (images) the file describes; equals the video's frame count. */
  frameCount: number;
  schema: KeypointSchemaId;
  /** Labelled frames only (unlabelled ground-truth frames are left out). */
  frames: FramePoses[];
  /** Set when a remembered file can no longer be read or no longer fits; `frames` is then empty. */
  error?: string;
}
