import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from '../../core/http/content-types';
import { RENDERER_CSP, resolveStaticFile } from '../../core/http/static-files';
import { BASE_HEADERS, HttpError } from './http-util';

/** Serves one file of the renderer build, or answers 404 when the path leaves `root` or names no file. */
export async function sendStaticFile(
  root: string,
  urlPath: string,
  response: ServerResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const file = await resolveStaticFile(root, urlPath);
  if (!file) throw new HttpError(404, `Not found: ${urlPath}`, 'NOT_FOUND');
  const body = await fs.readFile(file);
  const isHtml = file.endsWith('.html');
  response.writeHead(200, {
    ...BASE_HEADERS,
    ...extraHeaders,
    'Content-Type': contentTypeFor(file),
    'Content-Length': body.length,
    // Hashed asset names change with every build; the HTML entry must always be fresh.
    'Cache-Control': isHtml ? 'no-store' : 'private, max-age=3600',
    ...(isHtml ? { 'Content-Security-Policy': RENDERER_CSP } : {}),
  });
  response.end(body);
}
