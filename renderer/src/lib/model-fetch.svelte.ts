/**
 * Downloads of the models a run needs, started from the Track dialog or the Batch view: the models
 * of a run that are not installed, fetched one by one with the host's progress events, so that a
 * first run needs no detour through Settings.
 */
import type { ModelEntry, PoseEvent } from '../../../core/api/pose-api';
import type { Progress } from '../../../core/types';
import type { HostStore } from './host.svelte';
import { describeError } from './toasts.svelte';
import { failedDownloads } from './installed-models';

/**
 * What downloading `model` fetches, in bytes: the published size, else (checkpoints whose
 * publisher states none) an estimate from the parameter count, float32 weights of 4 bytes each.
 */
export function downloadBytes(model: ModelEntry): number | null {
  return model.downloadSizeBytes ?? (model.paramsMillions != null ? model.paramsMillions * 1e6 * 4 : null);
}

export class ModelFetch {
  /** The model being downloaded, with its progress once the host reports it. */
  current = $state.raw<{ model: ModelEntry; progress: Progress | null } | null>(null);
  error = $state<string | null>(null);

  constructor(private readonly host: HostStore) {}

  clearError(): void {
    this.error = null;
  }

  /** Share of the current download done, 0–100; null before its size is known. */
  get percent(): number | null {
    const progress = this.current?.progress;
    return progress?.total ? (progress.done / progress.total) * 100 : null;
  }

  /** The models among `ids` that are known but not installed. */
  missing(ids: string[]): ModelEntry[] {
    return ids
      .map((id) => this.host.models.find((m) => m.id === id))
      .filter((m): m is ModelEntry => !!m && !m.installed);
  }

  /** Download size of `models` (see downloadBytes). */
  static sizeBytes(models: ModelEntry[]): number {
    return models.reduce((sum, m) => sum + (downloadBytes(m) ?? 0), 0);
  }

  /** Downloads `models` one by one; false, with `error` set, when one fails. */
  async fetch(models: ModelEntry[]): Promise<boolean> {
    this.error = null;
    const onEvent = (e: Event) => {
      const ev = (e as CustomEvent<PoseEvent>).detail;
      if (ev.type === 'model-download-progress' && this.current?.model.id === ev.modelId)
        this.current = { ...this.current, progress: ev.progress };
    };
    window.addEventListener('posetrail-event', onEvent);
    try {
      for (const model of models) {
        this.current = { model, progress: null };
        await this.host.api.models.download(model.id);
      }
      return true;
    } catch (error) {
      // The next Track dialog or batch then prefers installed models over this one.
      if (this.current) failedDownloads.add(this.current.model.id);
      this.error = `Downloading ${this.current?.model.name} failed: ${describeError(error)}`;
      return false;
    } finally {
      window.removeEventListener('posetrail-event', onEvent);
      this.current = null;
      await this.host.refreshModels();
    }
  }
}
