import type { ApiErrorData } from '../core/api/pose-api';

/**
 * What an IPC handler returns. Errors travel as data (ipcMain.handle would otherwise flatten a
 * thrown error into a message string and lose its code); the preload rebuilds them as Errors.
 */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };
