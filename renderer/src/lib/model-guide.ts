import type { ModelEntry } from '../../../core/api/pose-api';

/** What each kind of model is good for, in the words of someone choosing one. */
/** What the model table calls each kind of model. */
export const TASK_LABELS: Record<ModelEntry['task'], string> = {
  'person-detector': 'Person detector',
  'pose-topdown-heatmap': 'Pose (top-down)',
  'person-reid': 'Person re-ID',
};

export function modelUse(m: ModelEntry): string {
  const id = m.id;
  if (id.startsWith('yolox-nano') || id.startsWith('rtmdet-nano'))
    return 'Fastest person finder; fine when people are large in the picture. Misses small, distant people more often.';
  if (id.startsWith('yolox-tiny')) return 'A little slower than nano, finds more people in crowded or distant scenes.';
  if (id.startsWith('yolox-s'))
    return 'Most reliable person finder here; worth it for crowds and small people, slower on a CPU.';
  if (id.startsWith('simplepose-nano')) return 'Quick skeletons for previews and long videos; joints are less precise.';
  if (id.startsWith('hrnet-w32') && id.endsWith('256x192'))
    return 'Precise joints at a good speed: the usual choice for research with a GPU, slow on a CPU.';
  if (id.startsWith('hrnet-w32'))
    return 'More precise joints for small people (larger input); about twice the work of 256×192.';
  if (id.startsWith('hrnet-w48') && id.endsWith('256x192'))
    return 'The most accurate at this input size; needs a GPU for long videos.';
  if (id.startsWith('hrnet-w48'))
    return 'The most accurate model here (the PoseTrack baseline); very slow without a GPU.';
  if (m.task === 'person-reid')
    return 'Recognises people who come back after being hidden, and never joins two who look different (used by default; under 1 MB).';
  return m.task === 'person-detector'
    ? 'Finds the people in each frame.'
    : 'Places 17 body joints on each person found.';
}
