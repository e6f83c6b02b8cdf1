import type { ModelEntry } from '../../../core/api/pose-api';
import type { ExecutionDevice } from '../../../core/types';

/** Models whose download failed in this app start: the next Track dialog prefers installed ones. */
export const failedDownloads = new Set<string>();

/** How a model appears in every model list: installed ones are marked ✓, others say what happens. */
export function modelOptionLabel(m: ModelEntry): string {
  if (m.installed) return `✓ ${m.name}`;
  return m.downloadable ? `${m.name} (not installed: downloads on start)` : `${m.name} (not installed: import only)`;
}

/**
 * The model to preselect for a task: the saved one when it is installed or can still be fetched,
 * else the first installed model that does the job (offline, or after its download failed).
 */
export function preferredModel(models: readonly ModelEntry[], task: ModelEntry['task'], savedId: string): string {
  const saved = models.find((m) => m.id === savedId);
  if (saved && (saved.installed || (saved.downloadable && !failedDownloads.has(saved.id)))) return savedId;
  return models.find((m) => m.task === task && m.installed)?.id ?? savedId;
}

/** Installed models for both roles, or null when one role has none installed. */
export function installedPair(models: readonly ModelEntry[]): { detector: string; poseModel: string } | null {
  const detector = models.find((m) => m.task === 'person-detector' && m.installed);
  const pose = models.find((m) => m.task === 'pose-topdown-heatmap' && m.installed);
  return detector && pose ? { detector: detector.id, poseModel: pose.id } : null;
}

/** Device choices: Auto (saying what it picks here) first, then each device that works. */
export function deviceOptions(devices: readonly ExecutionDevice[]): { value: ExecutionDevice; label: string }[] {
  const usable = devices.filter((d) => d !== 'auto');
  const working = usable.length ? usable : (['cpu'] as ExecutionDevice[]);
  const best = working.find((d) => d !== 'cpu') ?? 'cpu';
  return [{ value: 'auto', label: `Auto (${best.toUpperCase()} here)` }, ...working.map((d) => ({ value: d, label: d.toUpperCase() }))];
}
