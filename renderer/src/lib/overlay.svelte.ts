import { MIN_VISIBLE_KEYPOINT_SCORE } from '../../../core/keypoints/visibility';

export interface OverlayToggles {
  showBoxes: boolean;
  showLabels: boolean;
  showLowConfidence: boolean;
  minJointScore: number;
}

export type OverlaySwitch = Exclude<keyof OverlayToggles, 'minJointScore'>;

/** How the overlay draws the poses: boxes, labels, low-confidence joints and the joint threshold. */
export class OverlayStore {
  toggles = $state<OverlayToggles>({
    showBoxes: true,
    showLabels: true,
    showLowConfidence: false,
    minJointScore: MIN_VISIBLE_KEYPOINT_SCORE,
  });

  set(key: OverlaySwitch, on: boolean): void {
    this.toggles[key] = on;
  }

  toggle(key: OverlaySwitch): void {
    this.toggles[key] = !this.toggles[key];
  }

  setMinJointScore(score: number): void {
    this.toggles.minJointScore = score;
  }
}
