import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { contentTypeFor } from '../core/http/content-types';
import type { MediaAccess } from '../core/http/media-access';
import { contentRangeHeader, parseRangeHeader } from '../core/http/range';

/**
 * `protocol.handle` handler for posetrail-media://media/?path=…: streams a file the user opened
 * (video.open) with Range support so <video> can seek; anything else is 403. Written against the
 * Fetch API's Request/Response, so it is tested without Electron.
 */
export async function handleMediaRequest(request: Request, access: MediaAccess): Promise<Response> {
  const requested = new URL(request.url).searchParams.get('path');
  const file = requested ? await access.resolve(requested) : null;
  if (!file)
    return new Response(`Not an opened file: ${requested ?? '(no path)'}`, {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const { size } = await fs.stat(file);
  const range = parseRangeHeader(request.headers.get('range'), size);
  const headers: Record<string, string> = {
    'Content-Type': contentTypeFor(file),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  if (range.kind === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  const span = range.kind === 'partial' ? range.range : { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : span.end - span.start + 1;
  const body =
    request.method === 'HEAD' || length === 0
      ? null
      : (Readable.toWeb(createReadStream(file, span)) as ReadableStream<Uint8Array>);
  if (range.kind === 'partial') {
    return new Response(body, {
      status: 206,
      headers: { ...headers, 'Content-Length': String(length), 'Content-Range': contentRangeHeader(span, size) },
    });
  }
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
}
