import { promises as fs } from 'node:fs';
import { contentTypeFor } from '../core/http/content-types';
import { RENDERER_CSP, resolveStaticFile } from '../core/http/static-files';

/** `protocol.handle` handler for posetrail-app://app/…: the renderer build, nothing outside it. */
export async function handleAppRequest(request: Request, rendererDir: string): Promise<Response> {
  const { pathname } = new URL(request.url);
  const file = await resolveStaticFile(rendererDir, pathname);
  if (!file)
    return new Response(`Not found: ${pathname}`, {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const headers: Record<string, string> = { 'Content-Type': contentTypeFor(file), 'X-Content-Type-Options': 'nosniff' };
  if (file.endsWith('.html'))
    headers['Content-Security-Policy'] = RENDERER_CSP.replace(
      "media-src 'self' blob:",
      "media-src 'self' blob: posetrail-media:",
    );
  return new Response(await fs.readFile(file), { status: 200, headers });
}
