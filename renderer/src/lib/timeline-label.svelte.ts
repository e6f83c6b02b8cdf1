import type { TimelineWindow } from './timeline-view';
import { TIMELINE_LABEL_DEFAULT_WIDTH_PX, TIMELINE_LABEL_MAX_WIDTH_PX, TIMELINE_LABEL_MIN_WIDTH_PX } from './constants';

const KEY = 'posetrail.timelineLabelWidthPx';

function saved(): number {
  try {
    const value = Number(localStorage.getItem(KEY));
    return Number.isFinite(value) && value > 0 ? value : TIMELINE_LABEL_DEFAULT_WIDTH_PX;
  } catch {
    return TIMELINE_LABEL_DEFAULT_WIDTH_PX;
  }
}

/** Width of the timeline's label column (track names), dragged by its right edge and kept across sessions. */
export const timelineLabel = $state({ px: saved() });

export function setTimelineLabelWidth(px: number): void {
  timelineLabel.px = Math.round(Math.min(Math.max(px, TIMELINE_LABEL_MIN_WIDTH_PX), TIMELINE_LABEL_MAX_WIDTH_PX));
  try {
    localStorage.setItem(KEY, String(timelineLabel.px));
  } catch {
    // storage disabled: the width lasts until the page reloads
  }
}

/** The frames the timeline shows (zoom and scroll), which the plot under it shows too. */
export const timelineWindow = $state<{ win: TimelineWindow; areaWidthPx: number }>({
  win: { startFrame: 0, visibleFrames: 1 },
  areaWidthPx: 1,
});
