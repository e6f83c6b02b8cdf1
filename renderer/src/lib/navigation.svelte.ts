import type { AppInfo, ModelEntry, PoseApi, Settings } from '../../../core/api/pose-api';
import { toasts } from './toasts.svelte';

export type View = 'start' | 'player' | 'batch' | 'settings';
export type Dialog = 'track' | 'export' | 'help' | null;

/** What the in-app file browser is choosing, and where the answer goes. */
export interface BrowseRequest {
  title: string;
  pick: 'file' | 'dir';
  /** Which files to list besides folders: videos and images (default), model files or PoseTrack JSON files. */
  show?: 'media' | 'model' | 'tracks';
  startDir?: string;
  resolve: (path: string | null) => void;
}

/** Which view and dialog are showing, what the host offers, and picking files and folders. */
export class NavigationState {
  info = $state.raw<AppInfo | null>(null);
  settings = $state.raw<Settings | null>(null);
  models = $state.raw<ModelEntry[]>([]);
  recent = $state.raw<string[]>([]);
  view = $state<View>('start');
  dialog = $state<Dialog>(null);
  browse = $state.raw<BrowseRequest | null>(null);

  constructor(readonly api: PoseApi) {}

  async refreshModels(): Promise<void> {
    try {
      this.models = await this.api.models.list();
    } catch (error) {
      toasts.error('Listing the models', error);
    }
  }

  /** Opens the native dialog where the host has one, otherwise the in-app browser (web). */
  async pickPath(title: string, pick: 'file' | 'dir', native: () => Promise<string | null>, startDir?: string, show?: BrowseRequest['show']): Promise<string | null> {
    if (this.info?.host === 'electron') {
      try {
        return await native();
      } catch (error) {
        toasts.error(title, error);
        return null;
      }
    }
    return new Promise((resolve) => {
      this.browse = { title, pick, show, startDir, resolve: (p) => { this.browse = null; resolve(p); } };
    });
  }
}
