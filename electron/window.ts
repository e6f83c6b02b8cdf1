import { BrowserWindow, shell, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './schemes';

/**
 * The renderer gets no Node, runs sandboxed in an isolated world, and keeps the web's security
 * rules; the preload is its only door to the back end.
 */
export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

const WINDOW_SIZE = { width: 1440, height: 900, minWidth: 960, minHeight: 600 };

/** `devTools`: false in released builds, so no shortcut or menu opens them. */
export function createMainWindow(preloadPath: string, options: { devTools?: boolean } = {}): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Posetrail',
    backgroundColor: '#0f1217',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath, devTools: options.devTools ?? false },
  });
  window.once('ready-to-show', () => window.show());
  // No pop-ups; web links open in the user's browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The window never navigates away from the app (a dropped file or a stray link would otherwise
  // replace it), neither directly nor through a server redirect of an allowed navigation.
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  };
  window.webContents.on('will-navigate', stayInApp);
  window.webContents.on('will-redirect', stayInApp);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
