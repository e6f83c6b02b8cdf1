import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Access-token checks for the web host. The token arrives in the URL the user opens
 * (`?token=…`); the page keeps it in sessionStorage and sends it as a header on API calls and in
 * the events socket's URL. No cookie carries it: cookies are shared by every port of 127.0.0.1,
 * so one would reach any other local service a page talks to.
 */

export const TOKEN_HEADER = 'x-posetrail-token';
export const TOKEN_COOKIE = 'posetrail_token';
export const TOKEN_QUERY = 'token';
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
