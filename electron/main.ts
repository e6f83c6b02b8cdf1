/**
 * Electron main process: one window, native menus and dialogs, the app and media protocols,
 * and IPC handlers that implement the PoseApi by calling the shared service. Tracking, batch
 * and overlay rendering run in a worker thread, so this event loop only routes messages.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import { createPoseService } from '../core/service/service';
import { realCorePorts } from '../core/service/core-ports';
import { usableDevices } from '../core/models/device-probe';
import { EVENT_CHANNEL } from '../core/api/channels';
import type { PoseEvent } from '../core/api/pose-api';
import { FRAME_EXTENSIONS, VIDEO_EXTENSIONS } from '../core/media-extensions';
import { MediaAccess } from '../core/http/media-access';
import { handleAppRequest } from './app-protocol';
import { registerApiHandlers } from './ipc';
import { handleMediaRequest } from './media-protocol';
import { buildMenuTemplate, type MenuAction } from './menu';
import { APP_SCHEME, isTrustedRendererUrl, MEDIA_SCHEME, mediaProtocolUrl } from './schemes';
import { createMainWindow } from './window';
import { unpackedScriptPath, verifyUnpackedScripts, type ScriptHashes } from './unpacked-scripts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(app.getAppPath(), 'dist-renderer');
const preloadPath = path.join(here, 'preload.cjs');
// The worker is unpacked from the asar (electron-builder.yml) so its native imports resolve.
const workerPath = unpackedScriptPath(here, 'tracking-worker.mjs');
// GPU libraries print to stderr while probed; the probe runs in a utility process whose output is read as data.
const probePath = unpackedScriptPath(here, 'device-probe-child.mjs');
// Recorded by build/build-electron.js; absent when main runs from sources.
declare const POSETRAIL_UNPACKED_SHA256: ScriptHashes | undefined;
const unpackedHashes = typeof POSETRAIL_UNPACKED_SHA256 === 'undefined' ? null : POSETRAIL_UNPACKED_SHA256;
/** Unpacked scripts lie outside the asar integrity check: checked against their build-time hashes before each start. */
const verified =
  <T>(start: () => T) =>
  () => {
    verifyUnpackedScripts(here, unpackedHashes, app.isPackaged);
    return start();
  };
const videoFilter = {
  name: 'Videos and images',
  extensions: [...VIDEO_EXTENSIONS, ...FRAME_EXTENSIONS].map((ext) => ext.slice(1)),
};

let mainWindow: BrowserWindow | null = null;

function send(event: PoseEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
}

function sendMenu(action: MenuAction, payload?: string): void {
  send({ type: 'menu', action, payload });
}

async function main(): Promise<void> {
  await app.whenReady();
  const media = new MediaAccess();
  const parent = () => mainWindow ?? undefined;
  const service = createPoseService({
    host: 'electron',
    version: app.getVersion(),
    mediaUrlFor: async (filePath) => mediaProtocolUrl(await media.allow(filePath)),
    dialogs: {
      pickVideo: async () => {
        const options = {
          properties: ['openFile' as const],
          filters: [videoFilter, { name: 'All files', extensions: ['*'] }],
        };
        const picked = await (parent() ? dialog.showOpenDialog(parent()!, options) : dialog.showOpenDialog(options));
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      pickFolder: async () => {
        const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
        const picked = await (parent() ? dialog.showOpenDialog(parent()!, options) : dialog.showOpenDialog(options));
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      pickSavePath: async (defaultPath) => {
        const picked = await (parent()
          ? dialog.showSaveDialog(parent()!, { defaultPath })
          : dialog.showSaveDialog({ defaultPath }));
        return picked.canceled ? null : (picked.filePath ?? null);
      },
    },
    showInFolder: async (filePath) => shell.showItemInFolder(filePath),
    spawnWorker: verified(() => new Worker(workerPath)),
    core: {
      ...realCorePorts,
      availableDevices: () => usableDevices(verified(() => utilityProcess.fork(probePath, [], { stdio: 'pipe' }))),
    },
    onWarning: (message) => console.warn(`posetrail: ${message}`),
  });

  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, rendererDir));
  protocol.handle(MEDIA_SCHEME, (request) => handleMediaRequest(request, media));
  // The app needs no camera, microphone, notifications or geolocation.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const rebuildMenu = async () => {
    const recentFiles = await service.app.recentFiles().catch(() => []);
    const openVideo = () => {
      void service.app.pickVideo().then((file) => file && sendMenu('open-video', file));
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          send: sendMenu,
          openVideo,
          recentFiles,
          platform: process.platform,
          devTools: !app.isPackaged,
        }),
      ),
    );
  };
  registerApiHandlers(ipcMain, service, {
    isTrustedSender: isTrustedRendererUrl,
    afterCall: (channel) => {
      if (channel === 'video:open') void rebuildMenu();
    },
  });
  service.onEvent(send);
  await rebuildMenu();

  const openWindow = () => {
    mainWindow = createMainWindow(preloadPath, { devTools: !app.isPackaged });
    mainWindow.on('closed', () => (mainWindow = null));
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void service.dispose());
}

main().catch((error: unknown) => {
  dialog.showErrorBox(
    'Posetrail could not start',
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  app.exit(1);
});
