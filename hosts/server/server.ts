import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { lazyPackage } from '../../core/util/lazy-package';

const ws = lazyPackage<typeof import('ws')>('ws');
import type { PoseApi, PoseEvent } from '../../core/api/pose-api';
import { API_PATH_PREFIX, EVENTS_PATH, TOKEN_QUERY } from '../../core/api/channels';
import { dispatchApiCall } from '../../core/api/dispatch';
import { ERROR_CODES, toErrorData } from '../../core/api/errors';
import { toWireJson } from '../../core/api/wire';
import { findValidToken, strayOpenRedirect } from './auth';
import { HttpError, readBody, requestUrl, sendJson, sendText } from './http-util';
import type { MediaAccess } from '../../core/http/media-access';
import { MEDIA_KEY_QUERY, sendMedia } from './media-route';
import { allowedHostHeaders, checkHostAndOrigin, isStateChanging } from './request-origin';
import { sendStaticFile } from './static-route';
import { applyConnectionLimits, connectionLimits, type ConnectionLimits } from './connection-limits';

/**
 * The web host: the renderer's static build, the PoseApi over `POST /api/<domain>/<method>`
 * (JSON argument array in, `{ result }` or `{ error: { code, message } }` out), PoseEvents over a
 * WebSocket at /events, and opened media files at /media with Range support. Every request needs
 * the access token unless the host was started without one, except the renderer's own static
 * files (public) and media URLs (each carries its file's key). Every request must name this host
 * in Host, and upgrades and state-changing requests that carry an Origin must come from it.
 */

export const DEFAULT_HOST = '127.0.0.1';
export const MEDIA_PATH = '/media';
const PING_INTERVAL_MS = 30_000;

export interface WebHostOptions {
  api: PoseApi;
  media: MediaAccess;
  /** The renderer's Vite build (dist-renderer/). */
  rendererDir: string;
  /** Null disables the token check (`--no-token`). */
  token: string | null;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Timeouts and caps on connections (connection-limits.ts); the defaults suit a person's browser. */
  limits?: Partial<ConnectionLimits>;
}

export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The media URL the renderer plays for an opened file: its canonical path and its own key. */
export async function mediaUrl(media: MediaAccess, filePath: string): Promise<string> {
  const real = await media.allow(filePath);
  const query = new URLSearchParams({ path: real, [MEDIA_KEY_QUERY]: media.keyFor(real) });
  return `${MEDIA_PATH}?${query.toString()}`;
}

const STATUS_BY_CODE: Record<string, number> = {
  [ERROR_CODES.invalidArgument]: 400,
  [ERROR_CODES.unknownMethod]: 404,
  [ERROR_CODES.unauthorized]: 401,
  [ERROR_CODES.forbidden]: 403,
  [ERROR_CODES.notFound]: 404,
  ENOENT: 404,
  EACCES: 403,
  [ERROR_CODES.failedPrecondition]: 409,
  [ERROR_CODES.cancelled]: 409,
  [ERROR_CODES.busy]: 503,
  [ERROR_CODES.exportExists]: 409,
  [ERROR_CODES.internal]: 500,
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? (() => {});
  const limits = connectionLimits(options.limits);
  let allowedHosts = new Set<string>();
  const server = http.createServer({ connectionsCheckingInterval: limits.checkIntervalMs }, (request, response) => {
    handleRequest(options, allowedHosts, request, response).catch((error: unknown) =>
      sendFailure(response, error, log),
    );
  });
  applyConnectionLimits(server, limits);
  const sockets = new (ws().WebSocketServer)({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      if (sockets.clients.size >= limits.maxEventClients)
        throw new HttpError(503, `Too many event connections (at most ${limits.maxEventClients}); close another tab.`);
      handleUpgrade(options, allowedHosts, sockets, request, socket, head);
    } catch (error) {
      refuseUpgrade(
        socket,
        error instanceof HttpError ? error.status : 400,
        error instanceof HttpError ? error.message : 'Bad Request',
      );
    }
  });

  const unsubscribe = options.api.onEvent((event: PoseEvent) => {
    const message = toWireJson(event);
    for (const client of sockets.clients) {
      if (client.readyState !== client.OPEN) continue;
      // A reader that stopped reading would otherwise hold every later event in memory.
      if (client.bufferedAmount > limits.maxEventBufferBytes) client.terminate();
      else client.send(message);
    }
  });
  const pinger = setInterval(() => {
    for (const client of sockets.clients) client.ping();
  }, PING_INTERVAL_MS);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(host, port);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = options.token ? `${origin}/?${TOKEN_QUERY}=${options.token}` : `${origin}/`;

  return {
    url,
    origin,
    host,
    port,
    close: async () => {
      clearInterval(pinger);
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleRequest(
  options: WebHostOptions,
  allowedHosts: Set<string>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = requestUrl(request);
  checkHostAndOrigin(request, allowedHosts, isStateChanging(request.method));
  if (url.pathname.startsWith(API_PATH_PREFIX)) {
    if (options.token && !findValidToken(options.token, request, url)) {
      throw new HttpError(
        401,
        'Access token missing or wrong. Open the URL that `posetrail serve` printed (it ends in ?token=…).',
        ERROR_CODES.unauthorized,
      );
    }
    return handleApi(options.api, url, request, response);
  }
  if (isStateChanging(request.method))
    throw new HttpError(405, `Method ${request.method} not allowed on ${url.pathname}.`, 'METHOD_NOT_ALLOWED');
  if (url.pathname === MEDIA_PATH) return sendMedia(options.media, url, request, response);
  const redirect = options.token ? strayOpenRedirect(options.token, url) : null;
  if (redirect) return void response.writeHead(303, { Location: redirect, 'Cache-Control': 'no-store' }).end();
  // The renderer's build is public (the same files ship in every install); the page reads the
  // token from its URL or sessionStorage, so a reload works without one in the address bar.
  await sendStaticFile(options.rendererDir, url.pathname, response);
}

async function handleApi(api: PoseApi, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') throw new HttpError(405, `Use POST for ${url.pathname}.`, 'METHOD_NOT_ALLOWED');
  // Requiring JSON forces a CORS preflight for cross-site pages, which this host never grants.
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpError(415, 'API requests must be sent as application/json.', ERROR_CODES.invalidArgument);
  }
  const [domain = '', method = '', ...extra] = url.pathname.slice(API_PATH_PREFIX.length).split('/');
  if (extra.length > 0) throw new HttpError(404, `Unknown API route ${url.pathname}.`, ERROR_CODES.unknownMethod);
  const body = await readBody(request);
  let args: unknown;
  try {
    args = body.trim() === '' ? [] : JSON.parse(body);
  } catch (error) {
    throw new HttpError(
      400,
      `Invalid JSON body for ${domain}.${method}: ${(error as Error).message}`,
      ERROR_CODES.invalidArgument,
    );
  }
  const result = await dispatchApiCall(api, domain, method, args);
  sendJson(response, 200, { result: result ?? null });
}

function sendFailure(response: ServerResponse, error: unknown, log: (line: string) => void): void {
  const data = error instanceof HttpError ? { code: error.code, message: error.message } : toErrorData(error);
  const status = error instanceof HttpError ? error.status : (STATUS_BY_CODE[data.code] ?? 422);
  if (status >= 500) log(`web host error: ${data.message}`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (status === 401 || status === 403 || status === 404 || status === 405 || status === 413 || status === 415) {
    // Plain requests (browser address bar, media elements) get readable text; API calls get JSON.
    const wantsJson = (response.req.url ?? '').startsWith(API_PATH_PREFIX);
    if (!wantsJson) return sendText(response, status, data.message);
  }
  sendJson(response, status, { error: data });
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function handleUpgrade(
  options: WebHostOptions,
  allowedHosts: Set<string>,
  sockets: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const url = requestUrl(request);
  checkHostAndOrigin(request, allowedHosts, true);
  const authorised = !options.token || findValidToken(options.token, request, url) !== null;
  if (!authorised) return refuseUpgrade(socket, 401, 'Access token missing or wrong.');
  if (url.pathname !== EVENTS_PATH) return refuseUpgrade(socket, 404, `No WebSocket at ${url.pathname}.`);
  sockets.handleUpgrade(request, socket, head, (client: WebSocket) => {
    client.on('error', () => client.terminate());
  });
}
