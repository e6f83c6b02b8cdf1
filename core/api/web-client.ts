/**
 * The browser-side PoseApi for the web host (`posetrail serve`): every method is a
 * `POST /api/<domain>/<method>` with the JSON argument array, events arrive over a WebSocket.
 * No Node imports: this runs in the renderer. DOM types are declared minimally here because the
 * project's TypeScript config has no DOM lib (core/ is Node code).
 */
import type { PoseApi, PoseEvent } from './pose-api';
import {
  API_PATH_PREFIX,
  buildApiProxy,
  EVENTS_PATH,
  OPEN_QUERY,
  TOKEN_HEADER,
  TOKEN_QUERY,
  type ApiMethodRef,
} from './channels';
import { ApiError, ERROR_CODES, fromErrorData, isErrorData } from './errors';
import { fromWireJson } from './wire';

const TOKEN_STORAGE_KEY = 'posetrail.token';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

interface MinimalSocket {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}
type SocketFactory = (url: string) => MinimalSocket;
type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; credentials?: string },
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

export interface WebClientOptions {
  /** Origin of the web host, e.g. `http://127.0.0.1:5123`; defaults to the page's origin. */
  baseUrl?: string;
  /** Access token; defaults to readAccessToken(). */
  token?: string | null;
  fetch?: FetchLike;
  createSocket?: SocketFactory;
}

interface BrowserGlobals {
  location?: { href: string; origin: string };
  sessionStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  /** Only to remove the token that earlier versions left there. */
  localStorage?: { removeItem(key: string): void };
  history?: { replaceState(state: unknown, title: string, url: string): void };
  fetch?: FetchLike;
  WebSocket?: new (url: string) => MinimalSocket;
}

const browser = globalThis as unknown as BrowserGlobals;

/** What the page's URL asks for: the token, and a video to open, honoured only beside the token. */
export interface LaunchRequest {
  token: string | null;
  openPath: string | null;
}

/**
 * Reads `?token=…&open=…`. A video to open counts only when the same URL carries the token: the
 * token stays in this tab's sessionStorage, so another site that navigates the tab to
 * `/?open=<path>` must not have that path opened with it.
 */
export function parseLaunchUrl(href: string): LaunchRequest {
  const params = new URL(href).searchParams;
  const token = params.get(TOKEN_QUERY) || null;
  return { token, openPath: token ? params.get(OPEN_QUERY) || null : null };
}

let launchOpenPath: string | null = null;

/**
 * The token from the page URL (`?token=…`), remembered in this tab's sessionStorage only (so a
 * reload keeps working; it ends with the tab, and no cookie carries it to other ports of the
 * host), and removed from the address bar with `open`, so neither ends up in screenshots,
 * bookmarks or a reload.
 */
export function readAccessToken(): string | null {
  if (!browser.location) return null;
  browser.localStorage?.removeItem(TOKEN_STORAGE_KEY);
  const url = new URL(browser.location.href);
  const launch = parseLaunchUrl(url.href);
  if (url.searchParams.has(TOKEN_QUERY) || url.searchParams.has(OPEN_QUERY)) {
    url.searchParams.delete(TOKEN_QUERY);
    url.searchParams.delete(OPEN_QUERY);
    browser.history?.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  if (launch.token) {
    browser.sessionStorage?.setItem(TOKEN_STORAGE_KEY, launch.token);
    launchOpenPath = launch.openPath;
    return launch.token;
  }
  return browser.sessionStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
}

/** The video the launch URL asked for (with its token), once; null otherwise. */
export function takeLaunchOpenPath(): string | null {
  const openPath = launchOpenPath;
  launchOpenPath = null;
  return openPath;
}

export function createWebClient(options: WebClientOptions = {}): PoseApi {
  const baseUrl = (options.baseUrl ?? browser.location?.origin ?? '').replace(/\/+$/, '');
  const token = options.token === undefined ? readAccessToken() : options.token;
  const fetchImpl = options.fetch ?? browser.fetch?.bind(globalThis);
  if (!fetchImpl) throw new Error('createWebClient needs fetch (a browser, or pass options.fetch).');
  const createSocket =
    options.createSocket ?? ((url: string) => new (browser.WebSocket as NonNullable<BrowserGlobals['WebSocket']>)(url));

  const invoke = async (ref: ApiMethodRef, args: unknown[]): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers[TOKEN_HEADER] = token;
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchImpl(`${baseUrl}${API_PATH_PREFIX}${ref.domain}/${ref.method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(args),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ApiError(
        ERROR_CODES.unavailable,
        `Cannot reach the Posetrail web host at ${baseUrl || 'this page'} (${(error as Error).message}). Is \`posetrail serve\` still running?`,
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = fromWireJson(text);
    } catch {
      throw new ApiError(
        ERROR_CODES.internal,
        `${ref.domain}.${ref.method} failed: HTTP ${response.status} ${response.statusText} ${text.slice(0, 200)}`.trim(),
      );
    }
    const envelope = body as { result?: unknown; error?: unknown };
    if (!response.ok || envelope.error !== undefined) {
      if (isErrorData(envelope.error)) throw fromErrorData(envelope.error);
      throw new ApiError(
        ERROR_CODES.internal,
        `${ref.domain}.${ref.method} failed: HTTP ${response.status} ${response.statusText}`,
      );
    }
    return envelope.result;
  };

  const events = createEventStream(baseUrl, token, createSocket);
  return buildApiProxy(invoke, events.subscribe);
}

/** One WebSocket shared by all listeners, reconnecting with backoff while anyone listens. */
function createEventStream(baseUrl: string, token: string | null, createSocket: SocketFactory) {
  const listeners = new Set<(event: PoseEvent) => void>();
  let socket: MinimalSocket | null = null;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const socketUrl = () => {
    const wsBase = baseUrl.replace(/^http/, 'ws');
    return `${wsBase}${EVENTS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  };

  const connect = () => {
    retryTimer = null;
    const current = createSocket(socketUrl());
    socket = current;
    current.onopen = () => {
      retryMs = RECONNECT_MIN_MS;
    };
    current.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      const event = fromWireJson(message.data) as PoseEvent;
      for (const listener of [...listeners]) listener(event);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      if (listeners.size > 0) {
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
      }
    };
    current.onerror = () => current.close();
  };

  const subscribe = (listener: (event: PoseEvent) => void) => {
    listeners.add(listener);
    if (!socket && !retryTimer) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const closing = socket;
      socket = null;
      closing?.close();
    };
  };
  return { subscribe };
}
