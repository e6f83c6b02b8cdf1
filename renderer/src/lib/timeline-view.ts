import { TIMELINE_MIN_VISIBLE_FRAMES } from './constants';

/** Which frames the timeline shows: [startFrame, startFrame + visibleFrames). */
export interface TimelineWindow {
  startFrame: number;
  visibleFrames: number;
}

/** Keeps a window inside [0, frameCount) and no narrower than the minimum zoom. */
export function clampWindow(win: TimelineWindow, frameCount: number): TimelineWindow {
  const total = Math.max(frameCount, 1);
  const visibleFrames = Math.min(total, Math.max(Math.min(TIMELINE_MIN_VISIBLE_FRAMES, total), win.visibleFrames));
  const startFrame = Math.min(Math.max(0, win.startFrame), total - visibleFrames);
  return { startFrame, visibleFrames };
}

/** Left edge of frame `frame` in a track area `widthPx` wide. */
export function frameToX(win: TimelineWindow, frame: number, widthPx: number): number {
  return ((frame - win.startFrame) / win.visibleFrames) * widthPx;
}

/** Frame under x (CSS pixels from the track area's left edge), clamped to the video. */
export function xToFrame(win: TimelineWindow, x: number, widthPx: number, frameCount: number): number {
  const frame = Math.floor(win.startFrame + (x / Math.max(widthPx, 1)) * win.visibleFrames);
  return Math.min(Math.max(frame, 0), Math.max(frameCount - 1, 0));
}

/** Zooms by `factor` (>1 zooms in) keeping the frame under `anchorX` in place. */
export function zoomWindow(
  win: TimelineWindow,
  factor: number,
  anchorX: number,
  widthPx: number,
  frameCount: number,
): TimelineWindow {
  const anchorFrame = win.startFrame + (anchorX / Math.max(widthPx, 1)) * win.visibleFrames;
  const visibleFrames = win.visibleFrames / factor;
  const startFrame = anchorFrame - (anchorX / Math.max(widthPx, 1)) * visibleFrames;
  return clampWindow({ startFrame, visibleFrames }, frameCount);
}

/** Scrolls the window just enough to keep `frame` visible (used while playing). */
export function followFrame(win: TimelineWindow, frame: number, frameCount: number): TimelineWindow {
  if (frame >= win.startFrame && frame < win.startFrame + win.visibleFrames) return win;
  return clampWindow({ startFrame: frame - win.visibleFrames * 0.1, visibleFrames: win.visibleFrames }, frameCount);
}
