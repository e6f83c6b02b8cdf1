import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OPEN_QUERY, TOKEN_HEADER, TOKEN_QUERY } from '../../core/api/channels';

/**
 * Access-token checks for the web host. The token arrives in the URL the user opens
 * (`?token=…`); the page keeps it in sessionStorage and sends it as a header on API calls and in
 * the events socket's URL. No cookie carries it: cookies are shared by every port of 127.0.0.1,
 * so one would reach any other local service a page talks to.
 */

export const TOKEN_COOKIE = 'posetrail_token';
const TOKEN_BYTES = 24;

export function createAccessToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenSource = 'query' | 'header';

/** Where a valid token was found, or null when the request is not authorised. */
export function findValidToken(expected: string, request: IncomingMessage, url: URL): TokenSource | null {
  if (tokensEqual(expected, url.searchParams.get(TOKEN_QUERY))) return 'query';
  const header = request.headers[TOKEN_HEADER];
  if (tokensEqual(expected, Array.isArray(header) ? header[0] : header)) return 'header';
  return null;
}

/**
 * A page request that asks to open a video without the token in the same URL (another site's link
 * to `/?open=<path>`): where to send it instead, the same page without `open`; null when the
 * request is fine as it is. The page itself honours `open` only beside the token too.
 */
export function strayOpenRedirect(expected: string, url: URL): string | null {
  if (!url.searchParams.has(OPEN_QUERY) || tokensEqual(expected, url.searchParams.get(TOKEN_QUERY))) return null;
  const clean = new URL(url);
  clean.searchParams.delete(OPEN_QUERY);
  return clean.pathname + clean.search;
}
