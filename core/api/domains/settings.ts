import type { ExecutionDevice } from '../../types';
import type { TrackSettings } from './tracking';

export interface Settings {
  defaultDevice: ExecutionDevice;
  threads: number;
  track: TrackSettings;
  /** Redis URL of a queue with `posetrail worker`s; the Batch view sends batches there. Empty: this computer. */
  queueUrl?: string;
}

export interface SettingsApi {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
}
