import type { Stores } from './stores.svelte';
import { reviewActions } from './review-actions';
import type { Shortcut } from './shortcuts';

/** Proofreading keys, listed in Help; `reviewKey` implements exactly these. */
export const REVIEW_SHORTCUTS: Shortcut[] = [
  { keys: ['N'], description: 'Next unreviewed problem', group: 'Review' },
  { keys: ['Shift', 'N'], description: 'Previous unreviewed problem', group: 'Review' },
  { keys: ['X'], description: 'Mark the problem at this frame reviewed (again: unmark)', group: 'Review' },
  { keys: ['F'], description: 'Raw / filtered view (smoothing and gap filling)', group: 'Review' },
  { keys: ['P'], description: 'Show / hide the plot panel', group: 'Review' },
  { keys: ['Shift', 'Drag'], description: 'Select a frame range on the timeline (or Shift+Click)', group: 'Review' },
  { keys: ['W'], description: 'Swap two tracks over the selected range (no range: from here on)', group: 'Review' },
  { keys: ['Shift', 'Del'], description: "Delete the selected track's poses in the range", group: 'Review' },
  {
    keys: ['Shift', 'S'],
    description: "Move the selected track's range to a new track (two selected: to the first)",
    group: 'Review',
  },
  { keys: ['G'], description: "Give the second selected track's pose in this frame to the first", group: 'Review' },
  { keys: ['Drag'], description: 'Move a keypoint of the selected track on the video', group: 'Review' },
  { keys: ['[ / ]'], description: 'Pick the previous / next keypoint', group: 'Review' },
  { keys: ['Alt', 'Arrows'], description: 'Nudge the picked keypoint 1 px (Shift: 10 px)', group: 'Review' },
  { keys: ['V'], description: 'Keypoint visible → occluded → absent', group: 'Review' },
  {
    keys: ['A'],
    description: 'Add a person the detector missed: drag a box around them (Esc cancels)',
    group: 'Review',
  },
];

const NUDGE_PX = 1;
const NUDGE_FAST_PX = 10;
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Handles a proofreading key in the player view; returns true when it consumed it. */
export function reviewKey(e: KeyboardEvent, stores: Stores): boolean {
  const { review } = stores;
  const actions = reviewActions(stores);
  const arrow = ARROWS[e.key];
  if (e.altKey) {
    if (!arrow) return false;
    const step = e.shiftKey ? NUDGE_FAST_PX : NUDGE_PX;
    return actions.nudgeKeypoint(arrow[0] * step, arrow[1] * step);
  }
  if (!stores.project.project || stores.run.run) return false;
  switch (e.key) {
    case 'n':
      return review.stepProblem(1);
    case 'N':
      return review.stepProblem(-1);
    case 'x':
    case 'X':
      return review.markCurrentReviewed();
    case 'f':
    case 'F':
      return review.toggleFiltered();
    case 'p':
    case 'P':
      review.togglePlot();
      return true;
    case 'g':
    case 'G':
      return actions.givePose();
    case 'v':
    case 'V':
      return actions.cycleVisibility();
    case 'a':
    case 'A':
      return stores.addPerson.toggle();
    case '[':
      return actions.stepKeypoint(-1);
    case ']':
      return actions.stepKeypoint(1);
    case 'S':
      return e.shiftKey ? actions.reassignRange() : false;
    case 'Delete':
    case 'Backspace':
      return e.shiftKey ? actions.deleteInRange() : false;
  }
  return false;
}
