import type { PoseApi } from './pose-api';

/**
 * The runtime list of PoseApi methods, derived from ONE table that the compiler checks against
 * the PoseApi interface in both directions (a missing or extra method is a type error). Preload,
 * Electron main, the web host and the web client all build their channels from it, so they
 * cannot drift. No imports besides types: the sandboxed preload and the renderer bundle it.
 */

export type ApiDomain = Exclude<keyof PoseApi, 'onEvent'>;
export type ApiMethod<D extends ApiDomain> = keyof PoseApi[D] & string;

type MethodTable = { [D in ApiDomain]: { [M in ApiMethod<D>]: true } };

const METHOD_TABLE = {
  app: { info: true, recentFiles: true, pickVideo: true, pickFolder: true, pickSavePath: true, showInFolder: true },
  files: { list: true },
  layers: { list: true, add: true, remove: true },
  video: { open: true, frameImage: true },
  tracking: { start: true, cancel: true, list: true },
  project: {
    load: true,
    edit: true,
    undo: true,
    redo: true,
    restorePrevious: true,
    importResult: true,
    addPerson: true,
  },
  exports: { run: true },
  batch: { start: true, cancel: true },
  models: { list: true, download: true, canFetch: true, import: true, estimateSpeed: true },
  settings: { get: true, set: true },
} as const satisfies MethodTable;

export interface ApiMethodRef {
  domain: ApiDomain;
  method: string;
  /** `domain:method`, the IPC channel name (and `/api/domain/method` over HTTP). */
  channel: string;
}

export function channelName(domain: string, method: string): string {
  return `${domain}:${method}`;
}

export const API_DOMAINS = Object.keys(METHOD_TABLE) as ApiDomain[];

export const API_METHODS: readonly ApiMethodRef[] = Object.freeze(
  API_DOMAINS.flatMap((domain) =>
    Object.keys(METHOD_TABLE[domain]).map((method) => ({ domain, method, channel: channelName(domain, method) })),
  ),
);

/** The one IPC channel main uses to push PoseEvents to the renderer. */
export const EVENT_CHANNEL = 'posetrail:event';

/** The WebSocket path of the web host's event stream. */
export const EVENTS_PATH = '/events';

/** Prefix of the web host's API routes: POST `/api/<domain>/<method>`. */
export const API_PATH_PREFIX = '/api/';

/** The header that carries the web host's access token on API calls (lower case, as Node reads headers). */
export const TOKEN_HEADER = 'x-posetrail-token';
/** The query parameter of the URL `posetrail serve` prints that carries the access token. */
export const TOKEN_QUERY = 'token';
/** `posetrail serve --open <video>` adds this to the URL it prints, beside the token. */
export const OPEN_QUERY = 'open';

export function findMethod(domain: string, method: string): ApiMethodRef | undefined {
  return API_METHODS.find((ref) => ref.domain === domain && ref.method === method);
}

/**
 * Builds a PoseApi whose every method forwards to `invoke(ref, args)`; the shared shape of the
 * preload bridge and the web client.
 */
export function buildApiProxy(
  invoke: (ref: ApiMethodRef, args: unknown[]) => Promise<unknown>,
  onEvent: PoseApi['onEvent'],
): PoseApi {
  const api: Record<string, unknown> = { onEvent };
  for (const domain of API_DOMAINS) {
    const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const ref of API_METHODS.filter((candidate) => candidate.domain === domain)) {
      methods[ref.method] = (...args: unknown[]) => invoke(ref, args);
    }
    api[domain] = Object.freeze(methods);
  }
  return Object.freeze(api) as unknown as PoseApi;
}
