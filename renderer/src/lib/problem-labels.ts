import type { ProblemKind } from '../../../core/review/problems';

/** How the problem list and the timeline name and colour each kind. */
export const PROBLEM_KINDS: Record<ProblemKind, { label: string; color: string }> = {
  'likely-swap': { label: 'Likely swap', color: '#ff5d5d' },
  'identity-jump': { label: 'Jumps to someone else', color: '#ff5d9e' },
  'track-gap': { label: 'Lost frames', color: '#e879f9' },
  'weak-match': { label: 'Weak match', color: '#f5b84c' },
  'track-start': { label: 'Starts mid-picture', color: '#b58cff' },
  'track-end': { label: 'Ends mid-picture', color: '#b58cff' },
  'keypoint-jump': { label: 'Keypoint jump', color: '#ff9f5d' },
  'confidence-drop': { label: 'Confidence drop', color: '#6bc1ff' },
};
