import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, EVENT_CHANNEL } from '../../../core/api/channels';
import type { PoseApi, PoseEvent } from '../../../core/api/pose-api';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
const invoke = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

let api: PoseApi;
beforeAll(async () => {
  await import('../../../electron/preload');
  api = exposed.get('posetrail') as PoseApi;
});

describe('preload', () => {
  it('exposes only the PoseApi and the drop-path helper', () => {
    expect([...exposed.keys()].sort()).toEqual(['posetrail', 'posetrailFilePath']);
    const getPath = exposed.get('posetrailFilePath') as (file: { name: string }) => string;
    expect(getPath({ name: 'clip.mp4' })).toBe('/dropped/clip.mp4');
  });

  it('has exactly one forwarder per API method, grouped by domain, plus onEvent', () => {
    const surface = Object.entries(api).flatMap(([domain, value]) =>
      typeof value === 'function' ? [domain] : Object.keys(value as object).map((method) => `${domain}:${method}`),
    );
    expect(surface.sort()).toEqual([...API_METHODS.map((ref) => ref.channel), 'onEvent'].sort());
  });

  it('forwards each method on its domain:method channel with its arguments', async () => {
    invoke.mockImplementation(async () => ({ ok: true, value: 'done' }));
    for (const ref of API_METHODS) {
      invoke.mockClear();
      const method = (api as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
        ref.domain
      ][ref.method];
      await expect(method('a', 2)).resolves.toBe('done');
      expect(invoke).toHaveBeenCalledWith(ref.channel, 'a', 2);
    }
  });

  it('rebuilds errors from the main process as Errors with their code', async () => {
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'Invalid arguments for files.list: argument 1: bad' },
    });
    const failure = await api.files.list('').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Invalid arguments for files.list: argument 1: bad',
    });
  });

  it('delivers events from the one event channel and unsubscribes', () => {
    const received: PoseEvent[] = [];
    const unsubscribe = api.onEvent((event) => received.push(event));
    expect([...listeners.keys()]).toEqual([EVENT_CHANNEL]);
    const menu: PoseEvent = { type: 'menu', action: 'undo' };
    for (const listener of listeners.get(EVENT_CHANNEL)!) listener({ sender: 'ipc' }, menu);
    expect(received).toEqual([menu]);
    unsubscribe();
    expect(listeners.get(EVENT_CHANNEL)!.size).toBe(0);
  });
});
