/**
 * Preload (sandboxed, CommonJS bundle): exposes the PoseApi as `window.posetrail` — one
 * forwarder per method on its `domain:method` channel, plus `onEvent` on the one event channel —
 * and `window.posetrailFilePath(file)` for drag-and-drop (a dropped File's path on disk, which
 * the page cannot read itself). Nothing else: no ipcRenderer, no arbitrary channels.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { PoseApi, PoseEvent } from '../core/api/pose-api';
import { buildApiProxy, EVENT_CHANNEL } from '../core/api/channels';
import { fromErrorData } from '../core/api/errors';
import type { IpcReply } from './ipc-reply';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildPreloadApi(ipc: IpcRendererLike): PoseApi {
  return buildApiProxy(
    async (ref, args) => {
      const reply = (await ipc.invoke(ref.channel, ...args)) as IpcReply;
      if (!reply.ok) throw fromErrorData(reply.error);
      return reply.value;
    },
    (listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload as PoseEvent);
      ipc.on(EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  );
}

contextBridge.exposeInMainWorld('posetrail', buildPreloadApi(ipcRenderer));
contextBridge.exposeInMainWorld('posetrailFilePath', (file: File) => webUtils.getPathForFile(file));
