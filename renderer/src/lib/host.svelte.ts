import type { AppInfo, ModelEntry, PoseApi, Settings } from '../../../core/api/pose-api';
import type { ExecutionDevice } from '../../../core/types';
import { toasts } from './toasts.svelte';

/** What the host offers and keeps: app info, saved settings, the model list and recent files. */
export class HostStore {
  info = $state.raw<AppInfo | null>(null);
  settings = $state.raw<Settings | null>(null);
  models = $state.raw<ModelEntry[]>([]);
  recent = $state.raw<string[]>([]);

  constructor(readonly api: PoseApi) {}

  async load(): Promise<void> {
    const [info, settings, recent] = await Promise.all([
      this.api.app.info(),
      this.api.settings.get(),
      this.api.app.recentFiles(),
    ]);
    this.info = info;
    this.settings = settings;
    this.recent = recent;
  }

  async refreshModels(): Promise<void> {
    try {
      this.models = await this.api.models.list();
    } catch (error) {
      toasts.error('Listing the models', error);
    }
  }

  /** Saves a settings change on the host; throws when the host refuses it. */
  async saveSettings(patch: Partial<Settings>): Promise<void> {
    this.settings = await this.api.settings.set(patch);
  }

  /** Measures each model's speed on `device`; the list then carries the expected rates. */
  async estimateSpeed(device: ExecutionDevice): Promise<void> {
    this.models = await this.api.models.estimateSpeed(device);
  }

  /** Puts `path` first in the recent list at once, then takes the host's own list. */
  noteRecent(path: string): void {
    this.recent = [path, ...this.recent.filter((p) => p !== path)];
    this.api.app.recentFiles().then(
      (r) => (this.recent = r),
      () => undefined,
    );
  }
}
