import type { HostStore } from './host.svelte';
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

/** Which view and dialog are showing, and picking files and folders. */
export class NavigationStore {
  view = $state<View>('start');
  dialog = $state<Dialog>(null);
  browse = $state.raw<BrowseRequest | null>(null);

  constructor(private readonly host: HostStore) {}

  show(view: View): void {
    this.view = view;
  }

  openDialog(dialog: Exclude<Dialog, null>): void {
    this.dialog = dialog;
  }

  closeDialog(): void {
    this.dialog = null;
  }

  /** Asks in the in-app browser, whatever the host; null when the user cancels. */
  browseInApp(request: Omit<BrowseRequest, 'resolve'>): Promise<string | null> {
    return new Promise((resolve) => {
      this.browse = {
        ...request,
        resolve: (p) => {
          this.browse = null;
          resolve(p);
        },
      };
    });
  }

  /** Opens the native dialog where the host has one, otherwise the in-app browser (web). */
  async pickPath(
    title: string,
    pick: 'file' | 'dir',
    native: () => Promise<string | null>,
    startDir?: string,
    show?: BrowseRequest['show'],
  ): Promise<string | null> {
    if (this.host.info?.host === 'electron') {
      try {
        return await native();
      } catch (error) {
        toasts.error(title, error);
        return null;
      }
    }
    return this.browseInApp({ title, pick, show, startDir });
  }
}
