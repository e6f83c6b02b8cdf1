import type { ModelEntry } from '../../../core/api/pose-api';
import type { ExecutionDevice } from '../../../core/types';
import { DEFAULT_REID_MODEL_ID, NO_REID_MODEL } from '../../../core/settings/run-defaults';

/** Models whose download failed in this app start: the next Track dialog prefers installed ones. */
export const failedDownloads = new Set<string>();

/** How a model appears in every model list: installed ones are marked ✓, others say what happens. */
export function modelOptionLabel(m: ModelEntry): string {
  if (m.installed) return `✓ ${m.name}`;
  return m.downloadable ? `${m.name} (not installed: downloads on start)` : `${m.name} (not installed: import only)`;
}

/**
 * The models a run list offers for a task: every installed or downloadable one. A model that can
 * only be imported and is not installed (the community YOLOX-Nano export beside the official
 * release) is left out, unless it is the one selected, so one detector does not show up twice.
 */
export function offeredModels(
  models: readonly ModelEntry[],
  task: ModelEntry['task'],
  selectedId: string,
): ModelEntry[] {
  return models.filter((m) => m.task === task && (m.installed || m.downloadable || m.id === selectedId));
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

/**
 * The re-ID choice to preselect: colours when they were chosen ('none'); else the saved model, or
 * the default one, when installed or still fetchable; else an installed re-ID model; else colours.
 */
export function preferredReidModel(models: readonly ModelEntry[], savedId: string | undefined): string {
  if (savedId === NO_REID_MODEL) return NO_REID_MODEL;
  const reid = models.filter((m) => m.task === 'person-reid');
  const wanted = reid.find((m) => m.id === (savedId ?? DEFAULT_REID_MODEL_ID));
  if (wanted && (wanted.installed || (wanted.downloadable && !failedDownloads.has(wanted.id)))) return wanted.id;
  return reid.find((m) => m.installed)?.id ?? NO_REID_MODEL;
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
  return [
    { value: 'auto', label: `Auto (${best.toUpperCase()} here)` },
    ...working.map((d) => ({ value: d, label: d.toUpperCase() })),
  ];
}
