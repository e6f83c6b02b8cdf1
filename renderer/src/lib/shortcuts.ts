import { ZOOM_KEY_FACTOR } from './playback.svelte';
import type { Stores } from './stores.svelte';
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
export function handleShortcut(e: KeyboardEvent, stores: Stores): boolean {
  if (typingInField(e.target)) return false;
  const { navigation, playback, project } = stores;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key;
  if (key === 'Escape') return escape(stores);
  if (key === '?') return (navigation.openDialog('help'), true);
  if (mod && key.toLowerCase() === 'o') return (void stores.opener.choose(), true);
  if (navigation.dialog || navigation.browse) return false;
  if (mod && key.toLowerCase() === 'z') return (void (e.shiftKey ? project.redo() : project.undo()), true);
  if (mod && key.toLowerCase() === 'y') return (void project.redo(), true);
  if (mod && key.toLowerCase() === 'e') return project.project ? (navigation.openDialog('export'), true) : false;
  const inPlayer = navigation.view === 'player' && !!playback.video;
  if (!mod && inPlayer && reviewKey(e, stores)) return true;
  if (mod || e.altKey || !inPlayer) return false;
  return playerKey(e, stores);
}

/** Esc closes the innermost thing open: a dialog, the box tool, a range or picked keypoint, the selection. */
function escape({ navigation, addPerson, review, selection }: Stores): boolean {
  if (navigation.dialog) navigation.closeDialog();
  else if (addPerson.active) addPerson.cancel();
  else if (review.range || review.keypoint !== null) review.reset();
  else selection.clear();
  return true;
}

function playerKey(e: KeyboardEvent, stores: Stores): boolean {
  const { playback, overlay } = stores;
  const actions = trackActions(stores);
  switch (e.key) {
    case ' ':
      playback.togglePlay();
      return true;
    case 'ArrowLeft':
      if (e.shiftKey) playback.jump(-1);
      else playback.step(-1);
      return true;
    case 'ArrowRight':
      if (e.shiftKey) playback.jump(1);
      else playback.step(1);
      return true;
    case 'Home':
      playback.seekFrame(0);
      return true;
    case '{':
      return seekTrackBoundary(stores, -1);
    case '}':
      return seekTrackBoundary(stores, 1);
    case 'End':
      playback.seekFrame(playback.frameCount - 1);
      return true;
    case '+':
    case '=':
      playback.zoomBy(ZOOM_KEY_FACTOR);
      return true;
    case '-':
    case '_':
      playback.zoomBy(1 / ZOOM_KEY_FACTOR);
      return true;
    case '0':
      playback.resetZoom();
      return true;
  }
  switch (e.key.toLowerCase()) {
    case 'b':
      overlay.toggle('showBoxes');
      return true;
    case 'l':
      overlay.toggle('showLabels');
      return true;
    case 'c':
      overlay.toggle('showLowConfidence');
      return true;
    case 't':
      if (!stores.run.run) stores.navigation.openDialog('track');
      return true;
    case 'h':
      return actions.toggleHidden();
    case 'r':
      return actions.beginRename();
    case 'delete':
    case 'backspace':
      return actions.remove();
    case 'm':
      return actions.merge();
    case 's':
      return actions.split();
    case 'w':
      return actions.swap();
  }
  return false;
}
