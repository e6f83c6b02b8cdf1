import type { TrackLayer } from '../track-layer';

export interface LayersApi {
  /** The read-only track layers remembered for this video (PoseTrack files opened over it). */
  list(videoPath: string): Promise<TrackLayer[]>;
  /** Reads a PoseTrack 2018/2017 file and remembers it as a layer of this video; returns all its layers. */
  add(videoPath: string, filePath: string): Promise<TrackLayer[]>;
  remove(videoPath: string, filePath: string): Promise<TrackLayer[]>;
}
