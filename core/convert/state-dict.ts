/**
 * Maps the parameter names of a loaded checkpoint onto the official HRNet names and checks them
 * against the architecture: the layout (official repository, MMPose 0.x, MMPose 1.x, with or
 * without DataParallel's `module.`) is detected from the keys, and missing, unexpected or
 * mis-shaped tensors are reported by name.
 */
import { COCO_NUM_JOINTS, HRNET_WIDTHS } from './hrnet-arch';
import type { TorchTensor } from './torch/tensor';

export type KeyLayout = 'official' | 'mmpose-0.x' | 'mmpose-1.x';

/** How many names an error lists before summarising the rest as a count. */
const MAX_LISTED_KEYS = 5;

/** BatchNorm step counters: training state, not needed for inference. */
const IGNORED_SUFFIXES = ['.num_batches_tracked'];

/** Prefix rewrites per layout: checkpoint prefix → official prefix ('' = the root). */
const LAYOUT_PREFIXES: Record<KeyLayout, [string, string][]> = {
  official: [['', '']],
  'mmpose-0.x': [
    ['backbone.', ''],
    ['keypoint_head.', ''],
  ],
  'mmpose-1.x': [
    ['backbone.', ''],
    ['head.', ''],
  ],
};

export function detectKeyLayout(keys: readonly string[]): KeyLayout {
  // Decided by the bulk of the keys, so one stray entry cannot flip the layout.
  const backbone = keys.filter((k) => k.startsWith('backbone.')).length;
  if (backbone * 2 < keys.length) return 'official';
  const mmpose1Head = keys.some((k) => k.startsWith('head.')) && !keys.some((k) => k.startsWith('keypoint_head.'));
  return mmpose1Head ? 'mmpose-1.x' : 'mmpose-0.x';
}

export function listKeys(keys: string[]): string {
  const shown = keys.slice(0, MAX_LISTED_KEYS).join(', ');
  return keys.length > MAX_LISTED_KEYS ? `${shown} and ${keys.length - MAX_LISTED_KEYS} more` : shown;
}

/** `module.` (nn.DataParallel) is stripped wherever the whole dict carries it. */
export function stripDataParallel(tensors: Map<string, TorchTensor>): Map<string, TorchTensor> {
  const keys = [...tensors.keys()];
  if (!keys.every((k) => k.startsWith('module.'))) return tensors;
  return new Map([...tensors].map(([k, v]) => [k.slice('module.'.length), v]));
}

/**
 * The branch width C the checkpoint was trained with, read from stage 2's first conv
 * (`transition1.0.0.weight` is [C, 256, 3, 3]); null when that tensor is absent.
 */
export function inferHrnetWidth(tensors: ReadonlyMap<string, TorchTensor>): number | null {
  return tensors.get('transition1.0.0.weight')?.shape[0] ?? null;
}

function archHint(width: number | null): string {
  if (width === null) return '';
  const name = Object.entries(HRNET_WIDTHS).find(([, w]) => w === width)?.[0];
  return ` The checkpoint looks like ${name ?? `an HRNet of width ${width}`}.`;
}

export interface NormalizedStateDict {
  layout: KeyLayout;
  tensors: Map<string, TorchTensor>;
}

/**
 * Renames to official keys and checks every expected name and shape; throws one error describing
 * all problems (with the file in `source`).
 */
export function normalizeHrnetStateDict(
  raw: Map<string, TorchTensor>,
  expected: ReadonlyMap<string, number[]>,
  source: string,
): NormalizedStateDict {
  const stripped = stripDataParallel(raw);
  const layout = detectKeyLayout([...stripped.keys()]);
  const tensors = new Map<string, TorchTensor>();
  const unexpected: string[] = [];
  for (const [key, tensor] of stripped) {
    if (IGNORED_SUFFIXES.some((s) => key.endsWith(s))) continue;
    const rule = LAYOUT_PREFIXES[layout].find(([from]) => key.startsWith(from));
    const name = rule ? rule[1] + key.slice(rule[0].length) : key;
    if (!rule || !expected.has(name)) unexpected.push(key);
    else tensors.set(name, tensor);
  }
  const missing = [...expected.keys()].filter((k) => !tensors.has(k));
  const misshapen = [...tensors]
    .filter(([k, t]) => t.shape.join(',') !== expected.get(k)!.join(','))
    .map(([k, t]) => `${k} is [${t.shape.join(',')}], expected [${expected.get(k)!.join(',')}]`);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} missing (${listKeys(missing)})`);
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected (${listKeys(unexpected)})`);
  if (misshapen.length > 0) problems.push(`${misshapen.length} with the wrong shape (${listKeys(misshapen)})`);
  const joints = tensors.get('final_layer.weight')?.shape[0];
  if (problems.length > 0) {
    const jointsHint = joints !== undefined && joints !== COCO_NUM_JOINTS ? ` It predicts ${joints} keypoints.` : '';
    throw new Error(
      `${source}: does not match the requested HRNet (${layout} key layout): ${problems.join('; ')}.${archHint(inferHrnetWidth(tensors))}${jointsHint}`,
    );
  }
  return { layout, tensors };
}
