import type { PoseApi } from '../core/api/pose-api';
import { API_METHODS } from '../core/api/channels';
import { dispatchApiCall } from '../core/api/dispatch';
import { ApiError, ERROR_CODES, toErrorData } from '../core/api/errors';
import type { IpcReply } from './ipc-reply';

/** The slice of Electron's ipcMain used here (and faked in tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => Promise<IpcReply>,
  ): void;
  removeHandler(channel: string): void;
}

export interface IpcHandlerOptions {
  /** Whether the calling frame's URL belongs to our renderer. */
  isTrustedSender(url: string | undefined): boolean;
  /** Called after a successful call (main rebuilds the Recent menu after video:open). */
  afterCall?(channel: string): void;
}

/**
 * One ipcMain.handle per PoseApi channel. Arguments are validated with the shared zod schemas
 * (dispatchApiCall), so a compromised or buggy renderer cannot pass anything the API does not
 * declare. Returns a function that removes the handlers.
 */
export function registerApiHandlers(ipcMain: IpcMainLike, api: PoseApi, options: IpcHandlerOptions): () => void {
  for (const ref of API_METHODS) {
    ipcMain.handle(ref.channel, async (event, ...args): Promise<IpcReply> => {
      try {
        if (!options.isTrustedSender(event.senderFrame?.url)) {
          throw new ApiError(ERROR_CODES.forbidden, `Refused ${ref.channel} from an untrusted page.`);
        }
        const value = await dispatchApiCall(api, ref.domain, ref.method, args);
        options.afterCall?.(ref.channel);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    });
  }
  return () => {
    for (const ref of API_METHODS) ipcMain.removeHandler(ref.channel);
  };
}
