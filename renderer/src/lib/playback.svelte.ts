import type { OpenedVideo } from '../../../core/api/pose-api';
import { JUMP_MS, WHEEL_ZOOM_STEP } from './constants';
import { frameIndexAtTime } from './frame-index';
import { basename } from './paths';

/** The seek/play surface the Player registers, so keyboard, timeline and panels can drive it. */
export interface PlayerControl {
  seekFrame(index: number): void;
  setPlaying(playing: boolean): void;
  zoomBy(factor: number): void;
  resetZoom(): void;
}

/** One zoom button or key press: two wheel steps. */
export const ZOOM_KEY_FACTOR = WHEEL_ZOOM_STEP * WHEEL_ZOOM_STEP;

/** The open video and where in it we are: the current frame, playing or paused. */
export class PlaybackStore {
  video = $state.raw<OpenedVideo | null>(null);
  frameIndex = $state(0);
  playing = $state(false);
  private player: PlayerControl | null = null;

  frameCount = $derived(this.video?.info.frameCount ?? 0);
  videoPath = $derived(this.video?.info.path ?? null);
  fileName = $derived(this.video ? basename(this.video.info.path) : '');

  /** Shows `video` from its first frame, stopping the one playing. */
  load(video: OpenedVideo): void {
    this.player?.setPlaying(false);
    this.video = video;
    this.frameIndex = 0;
  }

  /** The Player registers its control while it is mounted; the returned function unregisters it. */
  attach(player: PlayerControl): () => void {
    this.player = player;
    return () => {
      if (this.player === player) this.player = null;
    };
  }

  /** The frame on screen, as the Player reports it (no seek). */
  showFrame(index: number): void {
    this.frameIndex = index;
  }

  /** Whether the video plays, as the Player reports it (no command to the player). */
  setPlayingState(playing: boolean): void {
    this.playing = playing;
  }

  seekFrame(index: number): void {
    const clamped = Math.min(Math.max(Math.round(index), 0), Math.max(this.frameCount - 1, 0));
    if (this.player) this.player.seekFrame(clamped);
    else this.frameIndex = clamped;
  }

  step(deltaFrames: number): void {
    this.pause();
    this.seekFrame(this.frameIndex + deltaFrames);
  }

  jump(direction: 1 | -1): void {
    const times = this.video?.info.frameTimesMs;
    if (!times?.length) return;
    const target = times[this.frameIndex] + direction * JUMP_MS;
    this.seekFrame(frameIndexAtTime(times, Math.max(target, 0)));
  }

  togglePlay(): void {
    this.player?.setPlaying(!this.playing);
  }

  pause(): void {
    this.player?.setPlaying(false);
  }

  zoomBy(factor: number): void {
    this.player?.zoomBy(factor);
  }

  resetZoom(): void {
    this.player?.resetZoom();
  }
}
