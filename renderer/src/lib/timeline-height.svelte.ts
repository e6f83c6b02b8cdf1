import { TIMELINE_DEFAULT_HEIGHT_PX, TIMELINE_MAX_HEIGHT_FRACTION, TIMELINE_MIN_HEIGHT_PX } from './constants';

const HEIGHT_KEY = 'posetrail.timelineHeightPx';

function saved(): number {
  try {
    const value = Number(localStorage.getItem(HEIGHT_KEY));
    return Number.isFinite(value) && value > 0 ? value : TIMELINE_DEFAULT_HEIGHT_PX;
  } catch {
    return TIMELINE_DEFAULT_HEIGHT_PX;
  }
}

/** Height of the timeline's lane area, dragged by its top edge and kept across sessions. */
export const timelineHeight = $state({ px: saved() });

export function setTimelineHeight(px: number): void {
  const max = Math.max(TIMELINE_MIN_HEIGHT_PX, window.innerHeight * TIMELINE_MAX_HEIGHT_FRACTION);
  timelineHeight.px = Math.round(Math.min(Math.max(px, TIMELINE_MIN_HEIGHT_PX), max));
  try {
    localStorage.setItem(HEIGHT_KEY, String(timelineHeight.px));
  } catch {
    // storage disabled: the height lasts until the page reloads
  }
}
