import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuAction } from '../../../electron/menu';

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = find(item.submenu, label);
      if (found) return found;
    }
  }
  return undefined as never;
}

describe('application menu', () => {
  const sent: Array<[MenuAction, string | undefined]> = [];
  let opened = 0;
  const template = buildMenuTemplate({
    send: (action, payload) => sent.push([action, payload]),
    openVideo: () => (opened += 1),
    recentFiles: ['/v/a.mp4', '/v/b.mov'],
    platform: 'linux',
  });
  const click = (label: string) => (find(template, label).click as () => void)();

  it('has File, Edit, View and Help with the required entries', () => {
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    for (const label of [
      'Open Video…',
      'Open Folder for Batch…',
      'Export…',
      'Recent',
      'Undo',
      'Redo',
      'Keyboard Shortcuts',
    ])
      expect(find(template, label), label).toBeDefined();
  });

  it('sends menu actions to the renderer', () => {
    click('Undo');
    click('Redo');
    click('Export…');
    click('Open Folder for Batch…');
    click('Keyboard Shortcuts');
    click('b.mov');
    click('Open Video…');
    expect(sent).toEqual([
      ['undo', undefined],
      ['redo', undefined],
      ['export', undefined],
      ['open-folder-batch', undefined],
      ['shortcuts', undefined],
      ['open-recent', '/v/b.mov'],
    ]);
    expect(opened).toBe(1);
  });

  it('shows Undo/Redo shortcuts without registering them (the renderer handles the keys)', () => {
    expect(find(template, 'Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(find(template, 'Redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false });
  });

  it('says so when there are no recent videos', () => {
    const empty = buildMenuTemplate({ send: () => {}, openVideo: () => {}, recentFiles: [], platform: 'darwin' });
    expect(empty[0]).toEqual({ role: 'appMenu' });
    expect(find(empty, 'No recent videos')).toMatchObject({ enabled: false });
  });

  it('offers the developer tools only in development builds', () => {
    const roles = (devTools?: boolean) =>
      (
        find(
          buildMenuTemplate({ send: () => {}, openVideo: () => {}, recentFiles: [], platform: 'linux', devTools }),
          'View',
        ).submenu as MenuItemConstructorOptions[]
      )
        .map((item) => item.role)
        .filter(Boolean);
    expect(roles()).toEqual(['togglefullscreen']);
    expect(roles(false)).toEqual(['togglefullscreen']);
    expect(roles(true)).toEqual(['togglefullscreen', 'toggleDevTools']);
  });
});
