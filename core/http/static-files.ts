import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Resolves a URL path to a file inside `root`, or null when it would leave it. Decoding happens
 * before the check so `%2e%2e%2f` cannot sneak past, and the result is compared after realpath so
 * a symlink inside the build cannot point out of it either.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const realRoot = await fs.realpath(root);
  const candidate = path.resolve(realRoot, relative);
  if (!isInside(realRoot, candidate)) return null;
  try {
    const real = await fs.realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Content-Security-Policy for the renderer: only our own scripts; inline styles are allowed
 * because Svelte components set style attributes; media and images may come from blob: URLs.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
