import type { ExecutionDevice } from '../../types';

export interface AppInfo {
  version: string;
  platform: string;
  /** 'electron' inside the desktop app, 'web' under `posetrail serve`. */
  host: 'electron' | 'web';
  ffmpegPath: string | null;
  /** Execution devices this machine can actually use, 'cpu' always among them. */
  devices: ExecutionDevice[];
  /** The models the device suggests (GPU or CPU defaults) and why, for the Track dialog. */
  defaultModels?: { detector: string; poseModel: string; reason: string };
  homeDir: string;
}

export interface AppApi {
  info(): Promise<AppInfo>;
  recentFiles(): Promise<string[]>;
  /** Native open dialog; resolves null when cancelled or when the host has none (web). */
  pickVideo(): Promise<string | null>;
  pickFolder(): Promise<string | null>;
  pickSavePath(defaultPath: string): Promise<string | null>;
  showInFolder(path: string): Promise<void>;
}
