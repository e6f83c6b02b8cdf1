import { describe, expect, it, vi } from 'vitest';

const created: Array<{
  options: Record<string, any>;
  handlers: Map<string, (...args: any[]) => void>;
  openHandler?: (d: { url: string }) => { action: string };
  loaded?: string;
}> = [];
const openExternal = vi.fn(async () => {});

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof created)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, handlers: new Map() };
      created.push(this.record);
      this.webContents = {
        setWindowOpenHandler: (handler: (d: { url: string }) => { action: string }) =>
          (this.record.openHandler = handler),
        on: (name: string, handler: (...args: unknown[]) => void) => this.record.handlers.set(name, handler),
      };
    }
    once() {}
    show() {}
    async loadURL(url: string) {
      this.record.loaded = url;
    }
  }
  return { BrowserWindow, shell: { openExternal } };
});

describe('main window', () => {
  it('is created with the secure web preferences and our preload', async () => {
    const { createMainWindow } = await import('../../../electron/window');
    createMainWindow('/app/dist-electron/preload.cjs');
    const { options, loaded } = created[0];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist-electron/preload.cjs',
      devTools: false,
    });
    expect(loaded).toBe('posetrail-app://app/index.html');
  });

  it('opens the developer tools only when asked (development runs)', async () => {
    const { createMainWindow } = await import('../../../electron/window');
    createMainWindow('/app/dist-electron/preload.cjs', { devTools: true });
    expect(created.at(-1)!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('denies pop-ups (web links go to the browser) and navigation away from the app', async () => {
    const { openHandler, handlers } = created[0];
    expect(openHandler!({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs');
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    const navigate = handlers.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'file:///home/user/clip.mp4');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'posetrail-app://app/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('denies redirects away from the app like navigations', () => {
    const redirect = created[0].handlers.get('will-redirect');
    expect(redirect).toBeTypeOf('function');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'posetrail-media://media/?path=/x']) {
      const away = { preventDefault: vi.fn() };
      redirect!(away, url);
      expect(away.preventDefault, url).toHaveBeenCalled();
    }
    const inside = { preventDefault: vi.fn() };
    redirect!(inside, 'posetrail-app://app/assets/index.js');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });
});
