import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from '../../core/http/content-types';
import { BASE_HEADERS, HttpError } from './http-util';
import type { MediaAccess } from '../../core/http/media-access';
import { contentRangeHeader, parseRangeHeader } from '../../core/http/range';
import { openRegularFile } from '../../core/util/regular-file';

export const MEDIA_KEY_QUERY = 'key';

/** Streams an opened media file with HTTP Range support (206 for ranges, 416 when unsatisfiable). */
export async function sendMedia(
  access: MediaAccess,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestedPath = url.searchParams.get('path');
  if (!requestedPath) throw new HttpError(400, 'Missing ?path= for /media.', 'INVALID_ARGUMENT');
  const file = await access.resolveWithKey(requestedPath, url.searchParams.get(MEDIA_KEY_QUERY));
  // Same answer whether the file exists or not: the host never reveals what is on disk.
  if (!file)
    throw new HttpError(
      403,
      `Not an opened file: ${requestedPath}. Open it in the app first (media URLs carry the key video.open returned).`,
      'FORBIDDEN',
    );
  // Opened once and checked on the handle: a FIFO swapped in for the video must not block a file thread.
  const handle = await openRegularFile(file).catch((error: Error) => {
    throw new HttpError(409, `Cannot play ${requestedPath}: ${error.message}`, 'FAILED_PRECONDITION');
  });
  try {
    await sendFrom(handle, (await handle.stat()).size, file, request, response);
  } finally {
    await handle.close();
  }
}

async function sendFrom(
  handle: FileHandle,
  size: number,
  file: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const range = parseRangeHeader(request.headers.range, size);
  const headers = {
    ...BASE_HEADERS,
    'Content-Type': contentTypeFor(file),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  if (range.kind === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    response.end();
    return;
  }
  if (range.kind === 'full') {
    response.writeHead(200, { ...headers, 'Content-Length': size });
    if (request.method === 'HEAD') return void response.end();
    await pipeline(handle.createReadStream({ autoClose: false }), response);
    return;
  }
  const { start, end } = range.range;
  response.writeHead(206, {
    ...headers,
    'Content-Length': end - start + 1,
    'Content-Range': contentRangeHeader(range.range, size),
  });
  if (request.method === 'HEAD') return void response.end();
  await pipeline(handle.createReadStream({ start, end, autoClose: false }), response);
}
