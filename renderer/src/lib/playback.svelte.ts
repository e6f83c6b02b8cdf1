import type { OpenedVideo } from '../../../core/api/pose-api';
import { JUMP_MS } from './constants';
import { frameIndexAtTime } from './frame-index';
import { NavigationState } from './navigation.svelte';
import { basename } from './paths';

/** The seek/play surface the Player registers, so keyboard, timeline and panels can drive it. */
export interface PlayerControl {
  seekFrame(index: number): void;
  setPlaying(playing: boolean): void;
  zoomBy(factor: number): void;
  resetZoom(): void;
}

/** The open video and where in it we are: the current frame, playing or paused. */
export class PlaybackState extends NavigationState {
  video = $state.raw<OpenedVideo | null>(null);
  frameIndex = $state(0);
  playing = $state(false);
  player: PlayerControl | null = null;

  frameCount = $derived(this.video?.info.frameCount ?? 0);
  videoPath = $derived(this.video?.info.path ?? null);
  fileName = $derived(this.video ? basename(this.video.info.path) : '');

  seekFrame(index: number): void {
    const clamped = Math.min(Math.max(Math.round(index), 0), Math.max(this.frameCount - 1, 0));
    if (this.player) this.player.seekFrame(clamped);
    else this.frameIndex = clamped;
  }

  step(deltaFrames: number): void {
    this.player?.setPlaying(false);
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
}
