import type { AppStore } from './app.svelte';
import { WHEEL_ZOOM_STEP } from './constants';
import { trackActions } from './track-actions';
import { seekTrackBoundary } from './seek-bounds';
import { REVIEW_SHORTCUTS, reviewKey } from './review-keys';

export interface Shortcut {
  /** Keys pressed together (shown joined by +); a key written "A / B" means either one. */
  keys: string[];
  description: string;
  group: 'Playback' | 'View' | 'Tracks' | 'Review' | 'File';
}

/** Shown in Help; `handleShortcut` below implements exactly these. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['Space'], description: 'Play / pause', group: 'Playback' },
  { keys: ['← / →'], description: 'Previous / next frame', group: 'Playback' },
  { keys: ['Shift', '← / →'], description: 'Back / forward 1 second', group: 'Playback' },
  { keys: ['Home / End'], description: 'First / last frame', group: 'Playback' },
  { keys: ['{ / }'], description: 'Previous / next place where a track starts or ends', group: 'Playback' },
  { keys: ['B'], description: 'Show / hide boxes', group: 'View' },
  { keys: ['L'], description: 'Show / hide labels', group: 'View' },
  { keys: ['C'], description: 'Show / hide low-confidence joints', group: 'View' },
  { keys: ['+ / −'], description: 'Zoom the video in / out (or mouse wheel)', group: 'View' },
  { keys: ['0'], description: 'Fit the video to the window', group: 'View' },
  { keys: ['Ctrl', 'Wheel'], description: 'Zoom the timeline', group: 'View' },
  { keys: ['Click'], description: 'Select a track (Ctrl+Click adds a second one)', group: 'Tracks' },
  { keys: ['Esc'], description: 'Clear the selection / close a dialog', group: 'Tracks' },
  { keys: ['H'], description: 'Hide / show the selected tracks', group: 'Tracks' },
  { keys: ['R'], description: 'Rename the selected track', group: 'Tracks' },
  { keys: ['Del / Backspace'], description: 'Delete the selected tracks', group: 'Tracks' },
  { keys: ['M'], description: 'Merge the second selected track into the first', group: 'Tracks' },
  { keys: ['S'], description: 'Split the selected track at the current frame', group: 'Tracks' },
  { keys: ['W'], description: 'Swap two selected tracks from the current frame on', group: 'Tracks' },
  { keys: ['Ctrl', 'Z'], description: 'Undo', group: 'Tracks' },
  { keys: ['Ctrl', 'Shift', 'Z'], description: 'Redo (also Ctrl+Y)', group: 'Tracks' },
  { keys: ['Ctrl', 'O'], description: 'Open a video', group: 'File' },
  { keys: ['T'], description: 'Track people in this video', group: 'File' },
  { keys: ['Ctrl', 'E'], description: 'Export', group: 'File' },
  { keys: ['?'], description: 'This help', group: 'File' },
  ...REVIEW_SHORTCUTS,
];

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  return tag === 'INPUT' && !['checkbox', 'radio', 'range', 'button'].includes((el as HTMLInputElement).type);
}

/** Global keyboard handler; returns true when it consumed the key. */
export function handleShortcut(e: KeyboardEvent, app: AppStore): boolean {
  if (typingInField(e.target)) return false;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key;
  if (key === 'Escape') {
    if (app.dialog) app.dialog = null;
    else if (app.addPerson.active) app.addPerson.cancel();
    else if (app.review.range || app.review.keypoint !== null) app.review.reset();
    else app.selected = [];
    return true;
  }
  if (key === '?') return (app.dialog = 'help'), true;
  if (mod && key.toLowerCase() === 'o') return void app.chooseAndOpenVideo(), true;
  if (app.dialog || app.browse) return false;
  if (mod && key.toLowerCase() === 'z') return void (e.shiftKey ? app.redo() : app.undo()), true;
  if (mod && key.toLowerCase() === 'y') return void app.redo(), true;
  if (mod && key.toLowerCase() === 'e') return app.project ? ((app.dialog = 'export'), true) : false;
  if (!mod && app.view === 'player' && app.video && reviewKey(e, app)) return true;
  if (mod || e.altKey || app.view !== 'player' || !app.video) return false;
  return playerKey(e, app);
}

function playerKey(e: KeyboardEvent, app: AppStore): boolean {
  const actions = trackActions(app);
  switch (e.key) {
    case ' ': app.togglePlay(); return true;
    case 'ArrowLeft': if (e.shiftKey) app.jump(-1); else app.step(-1); return true;
    case 'ArrowRight': if (e.shiftKey) app.jump(1); else app.step(1); return true;
    case 'Home': app.seekFrame(0); return true;
    case '{': return seekTrackBoundary(app, -1);
    case '}': return seekTrackBoundary(app, 1);
    case 'End': app.seekFrame(app.frameCount - 1); return true;
    case '+': case '=': app.player?.zoomBy(WHEEL_ZOOM_STEP * WHEEL_ZOOM_STEP); return true;
    case '-': case '_': app.player?.zoomBy(1 / (WHEEL_ZOOM_STEP * WHEEL_ZOOM_STEP)); return true;
    case '0': app.player?.resetZoom(); return true;
  }
  switch (e.key.toLowerCase()) {
    case 'b': app.overlay.showBoxes = !app.overlay.showBoxes; return true;
    case 'l': app.overlay.showLabels = !app.overlay.showLabels; return true;
    case 'c': app.overlay.showLowConfidence = !app.overlay.showLowConfidence; return true;
    case 't': if (!app.run) app.dialog = 'track'; return true;
    case 'h': return actions.toggleHidden();
    case 'r': return actions.beginRename();
    case 'delete': case 'backspace': return actions.remove();
    case 'm': return actions.merge();
    case 's': return actions.split();
    case 'w': return actions.swap();
  }
  return false;
}
