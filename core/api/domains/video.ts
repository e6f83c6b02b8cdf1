import type { VideoInfo } from '../../types';

export interface OpenedVideo {
  info: VideoInfo;
  /** URL the renderer's <video> element can play (range requests supported). */
  mediaUrl: string;
  /** False when the browser engine cannot decode the codec: frames then come from frameImage(). */
  browserPlayable: boolean;
}

export interface VideoApi {
  open(path: string): Promise<OpenedVideo>;
  /** One frame decoded by our own decoder, as JPEG bytes. */
  frameImage(path: string, frameIndex: number): Promise<Uint8Array>;
}
