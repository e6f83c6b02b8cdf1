import { MIN_VISIBLE_KEYPOINT_SCORE } from '../../../core/keypoints/visibility';
import { PlaybackState } from './playback.svelte';

export interface OverlayToggles {
  showBoxes: boolean;
  showLabels: boolean;
  showLowConfidence: boolean;
  minJointScore: number;
}

/** Which tracks are selected, and how the overlay draws them. */
export class SelectionState extends PlaybackState {
  /** Selected track ids in the order they were picked (merge target first). */
  selected = $state.raw<number[]>([]);
  overlay = $state<OverlayToggles>({ showBoxes: true, showLabels: true, showLowConfidence: false, minJointScore: MIN_VISIBLE_KEYPOINT_SCORE });
  selectedSet = $derived(new Set(this.selected));

  /** Click selects one track; with `additive` (Ctrl/Shift) toggles it in a multi-selection. */
  selectTrack(trackId: number, additive: boolean): void {
    if (!additive) this.selected = this.selected.length === 1 && this.selected[0] === trackId ? [] : [trackId];
    else this.selected = this.selected.includes(trackId) ? this.selected.filter((id) => id !== trackId) : [...this.selected, trackId];
  }
}
