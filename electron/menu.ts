import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** Actions sent to the renderer as `{ type: 'menu', action, payload }` (see renderer/src/lib/menu.ts). */
export type MenuAction =
  | 'open-video'
  | 'open-recent'
  | 'open-folder-batch'
  | 'export'
  | 'track'
  | 'undo'
  | 'redo'
  | 'settings'
  | 'shortcuts'
  | 'toggle-boxes'
  | 'toggle-labels'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset';

export interface MenuContext {
  send(action: MenuAction, payload?: string): void;
  /** Shows the native open dialog, then sends open-video with the chosen path. */
  openVideo(): void;
  recentFiles: string[];
  platform: NodeJS.Platform;
  /** Offer the developer tools (development runs only: a released app has no use for them). */
  devTools?: boolean;
}

/**
 * The native menu. Undo/Redo show their shortcuts but do not register them
 * (`registerAccelerator: false`): the renderer handles Ctrl+Z itself, also in text fields, and a
 * registered accelerator would fire a second undo.
 */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { send } = context;
  const isMac = context.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] =
    context.recentFiles.length > 0
      ? context.recentFiles.map((file) => ({
          label: path.basename(file),
          sublabel: file,
          click: () => send('open-recent', file),
        }))
      : [{ label: 'No recent videos', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Video…', accelerator: 'CmdOrCtrl+O', click: () => context.openVideo() },
        { label: 'Open Folder for Batch…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('open-folder-batch') },
        { label: 'Recent', submenu: recent },
        { type: 'separator' },
        { label: 'Track…', accelerator: 'CmdOrCtrl+T', click: () => send('track') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => send('settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Show Boxes', click: () => send('toggle-boxes') },
        { label: 'Show Labels', click: () => send('toggle-labels') },
        { type: 'separator' },
        { label: 'Zoom In', click: () => send('zoom-in') },
        { label: 'Zoom Out', click: () => send('zoom-out') },
        { label: 'Actual Size', click: () => send('zoom-reset') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(context.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: 'Shift+/',
          registerAccelerator: false,
          click: () => send('shortcuts'),
        },
      ],
    },
  ];
  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
