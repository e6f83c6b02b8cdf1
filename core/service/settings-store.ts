import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../api/pose-api';
import { SettingsSchema } from '../api/schemas';
import { DEFAULT_TRACK_SETTINGS } from '../settings/run-settings';
import { writeFileAtomic } from '../util/fs';
import { jsonErrorWhere } from '../util/json-text';

/**
 * User settings and the recent-files list, stored as JSON in the per-user config folder
 * (see core/settings/paths.ts). A missing file means defaults; an unreadable one is reported once through
 * `onWarning` and replaced on the next save rather than blocking the app.
 */

export const MAX_RECENT_FILES = 10;
const SETTINGS_FILE = 'settings.json';
const RECENT_FILE = 'recent-files.json';

/** 0 threads = let ONNX Runtime pick for this machine. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  defaultDevice: 'auto',
  threads: 0,
  track: { ...DEFAULT_TRACK_SETTINGS },
});

const RecentSchema = z.array(z.string());

export class SettingsStore {
  constructor(
    private readonly configDir: string,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  get settingsPath(): string {
    return path.join(this.configDir, SETTINGS_FILE);
  }

  get recentPath(): string {
    return path.join(this.configDir, RECENT_FILE);
  }

  async get(): Promise<Settings> {
    const stored = await this.readJson(this.settingsPath, SettingsSchema.partial());
    return { ...DEFAULT_SETTINGS, ...stored, track: { ...DEFAULT_SETTINGS.track, ...stored?.track } };
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = SettingsSchema.parse({ ...(await this.get()), ...patch });
    await writeFileAtomic(this.settingsPath, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  async recentFiles(): Promise<string[]> {
    return (await this.readJson(this.recentPath, RecentSchema)) ?? [];
  }

  /** Moves `filePath` to the top of the list (deduplicated, at most MAX_RECENT_FILES). */
  async addRecent(filePath: string): Promise<string[]> {
    const absolute = path.resolve(filePath);
    const next = [absolute, ...(await this.recentFiles()).filter((entry) => entry !== absolute)].slice(
      0,
      MAX_RECENT_FILES,
    );
    await writeFileAtomic(this.recentPath, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  private async readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.onWarning(`Cannot read ${file} (${(error as Error).message}); using defaults.`);
      return null;
    }
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.onWarning(`${file} has invalid content (${parsed.error.issues[0]?.message}); using defaults.`);
    } catch (error) {
      this.onWarning(`${file} is not valid JSON (${jsonErrorWhere(text)}); using defaults.`);
    }
    return null;
  }
}
