import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_RECENT_FILES, SettingsStore } from '../../../core/service/settings-store';
import { userConfigDir } from '../../../core/settings/paths';

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-settings-'));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('uses POSETRAIL_CONFIG_DIR when set', () => {
    expect(userConfigDir({ POSETRAIL_CONFIG_DIR: '/tmp/cfg' })).toBe('/tmp/cfg');
    expect(userConfigDir({})).toMatch(/posetrail$/);
  });

  it('starts from defaults and persists patches merged over them', async () => {
    const store = new SettingsStore(path.join(root, 'a'));
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await store.set({ threads: 2, defaultDevice: 'cpu' });
    const reread = await new SettingsStore(path.join(root, 'a')).get();
    expect(reread).toMatchObject({ threads: 2, defaultDevice: 'cpu', track: DEFAULT_SETTINGS.track });
  });

  it('warns about a corrupt settings file, naming it, and falls back to defaults', async () => {
    const dir = path.join(root, 'b');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'settings.json'), '{ threads: 2');
    const warnings: string[] = [];
    expect(await new SettingsStore(dir, (w) => warnings.push(w)).get()).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toEqual([expect.stringContaining(`${path.join(dir, 'settings.json')} is not valid JSON`)]);
  });

  it('keeps at most 10 recent files, newest first, without duplicates', async () => {
    const store = new SettingsStore(path.join(root, 'c'));
    for (let i = 0; i < 12; i += 1) await store.addRecent(`/videos/v${i}.mp4`);
    await store.addRecent('/videos/v5.mp4');
    const recent = await store.recentFiles();
    expect(recent).toHaveLength(MAX_RECENT_FILES);
    expect(recent.slice(0, 3)).toEqual(['/videos/v5.mp4', '/videos/v11.mp4', '/videos/v10.mp4']);
    expect(recent).not.toContain('/videos/v1.mp4');
  });
});
