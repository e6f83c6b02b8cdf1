import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Access-token checks for the web host. The token arrives in the URL the user opens
 * (`?token=…`); the page load sets an HttpOnly SameSite=Strict cookie so later requests from
 * the page (assets, media, events) carry it without repeating it, and the web client also sends
 * it as a header on API calls.
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

export function cookieToken(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== TOKEN_COOKIE) continue;
    // Any page can set a cookie for 127.0.0.1; one that does not decode is simply not a token.
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

export type TokenSource = 'query' | 'header' | 'cookie';

/** Where a valid token was found, or null when the request is not authorised. */
export function findValidToken(expected: string, request: IncomingMessage, url: URL): TokenSource | null {
  if (tokensEqual(expected, url.searchParams.get(TOKEN_QUERY))) return 'query';
  const header = request.headers[TOKEN_HEADER];
  if (tokensEqual(expected, Array.isArray(header) ? header[0] : header)) return 'header';
  if (tokensEqual(expected, cookieToken(request))) return 'cookie';
  return null;
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
