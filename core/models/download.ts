/**
 * HTTP download into a partial file, resumable with Range requests, hashing as it goes.
 *
 * The partial file is the only thing written here; moving it into the store after checksum
 * verification is the caller's job, so a truncated or corrupt transfer can never be used.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { Progress } from '../types';
import { networkFailureWords } from './reachability';

export interface DownloadOptions {
  /** What is being downloaded, for messages (a model id). */
  label: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Refuse any http: address, the first and every redirect target (models without a full SHA-256). */
  httpsOnly?: boolean;
}

/** Redirects followed before giving up (GitHub releases use two). */
export const MAX_REDIRECTS = 10;

export interface DownloadResult {
  sha256: string;
  sizeBytes: number;
}

/** Progress callbacks at most this often, so a fast local transfer does not flood the UI. */
export const DOWNLOAD_PROGRESS_INTERVAL_MS = 100;

export class DownloadError extends Error {
  /** Error code that crosses IPC with the message: DOWNLOAD_HTTP, DOWNLOAD_NETWORK, … or CANCELLED. */
  readonly code: string;

  constructor(
    message: string,
    readonly kind: 'http' | 'network' | 'interrupted' | 'cancelled',
  ) {
    super(message);
    this.name = 'DownloadError';
    this.code = kind === 'cancelled' ? 'CANCELLED' : `DOWNLOAD_${kind.toUpperCase()}`;
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

async function hashExisting(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

function assertAllowedScheme(url: string, opts: DownloadOptions, redirectedFrom?: string): void {
  if (!opts.httpsOnly || new URL(url).protocol === 'https:') return;
  const how = redirectedFrom ? `${redirectedFrom} redirects to ${url}` : `${url} is`;
  throw new DownloadError(
    `Refusing to download ${opts.label}: ${how} not https, and ${opts.label} has no pinned SHA-256 that could catch a substituted file.`,
    'http',
  );
}

/** Fetches with redirects followed here, so each hop's scheme is checked. */
async function request(url: string, fromByte: number, opts: DownloadOptions): Promise<Response> {
  assertAllowedScheme(url, opts);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await requestOnce(current, fromByte, opts);
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (!location) return response;
    await response.body?.cancel();
    const next = new URL(location, current).href;
    assertAllowedScheme(next, opts, current);
    current = next;
  }
  throw new DownloadError(
    `Download of ${opts.label} from ${url} failed: more than ${MAX_REDIRECTS} redirects.`,
    'http',
  );
}

async function requestOnce(url: string, fromByte: number, opts: DownloadOptions): Promise<Response> {
  // identity: byte counts and resume offsets must refer to the file, not a compressed stream.
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (fromByte > 0) headers.range = `bytes=${fromByte}-`;
  try {
    return await fetch(url, { headers, signal: opts.signal, redirect: 'manual' });
  } catch (error) {
    if (opts.signal?.aborted) throw new DownloadError(`Download of ${opts.label} was cancelled.`, 'cancelled');
    throw new DownloadError(
      `Cannot download ${opts.label} from ${url}: ${networkFailureWords(error)}. Check the network connection, or import a copy of the file taken from a machine that has it.`,
      'network',
    );
  }
}

/** `bytes START-END/TOTAL` → start and total (total undefined for `*`). */
export function parseContentRange(header: string | null): { start: number; total?: number } | null {
  const match = header?.match(/^bytes\s+(\d+)-\d+\/(\d+|\*)$/i);
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

/**
 * Downloads `url` into `partPath`, resuming from the bytes already there when the server honours
 * Range. Returns the SHA-256 and size of the complete partial file. An interrupted transfer keeps
 * what arrived (the next call resumes) and throws; so does a body shorter than announced.
 */
export async function downloadToPartial(url: string, partPath: string, opts: DownloadOptions): Promise<DownloadResult> {
  let existing = await fileSize(partPath);
  let response = await request(url, existing, opts);
  if (response.status === 416 && existing > 0) {
    // Nothing left to send: either the partial file is already whole, or it is longer than the file.
    const total = Number(response.headers.get('content-range')?.match(/\/(\d+)$/)?.[1] ?? NaN);
    await response.body?.cancel();
    if (total === existing) return hashWhole(partPath);
    await fs.rm(partPath, { force: true });
    existing = 0;
    response = await request(url, 0, opts);
  }
  let append = false;
  let total: number | undefined;
  if (response.status === 206 && existing > 0) {
    const range = parseContentRange(response.headers.get('content-range'));
    append = range?.start === existing;
    total = range?.total;
    if (!append) {
      await response.body?.cancel();
      await fs.rm(partPath, { force: true });
      return downloadToPartial(url, partPath, opts);
    }
  } else if (response.status === 200) {
    const length = response.headers.get('content-length');
    total = length === null ? undefined : Number(length);
  } else {
    await response.body?.cancel();
    throw new DownloadError(
      `Download of ${opts.label} failed: HTTP ${response.status} ${response.statusText} from ${url}.`,
      'http',
    );
  }
  return receiveBody(response, partPath, append ? existing : 0, total, opts);
}

async function hashWhole(file: string): Promise<DownloadResult> {
  const hash = createHash('sha256');
  await hashExisting(file, hash);
  return { sha256: hash.digest('hex'), sizeBytes: await fileSize(file) };
}

async function receiveBody(
  response: Response,
  partPath: string,
  startByte: number,
  total: number | undefined,
  opts: DownloadOptions,
): Promise<DownloadResult> {
  const hash = createHash('sha256');
  if (startByte > 0) await hashExisting(partPath, hash);
  const handle = await fs.open(partPath, startByte > 0 ? 'a' : 'w');
  let done = startByte;
  const startedAt = Date.now();
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!opts.onProgress || (!force && now - lastReport < DOWNLOAD_PROGRESS_INTERVAL_MS)) return;
    lastReport = now;
    const elapsedS = Math.max((now - startedAt) / 1000, 1e-3);
    const rate = (done - startByte) / elapsedS;
    const etaMs = total !== undefined && rate > 0 ? ((total - done) / rate) * 1000 : undefined;
    opts.onProgress({ done, total: total ?? 0, rate, etaMs, message: `Downloading ${opts.label}` });
  };
  try {
    if (!response.body) throw new Error('empty response body');
    for await (const chunk of response.body) {
      hash.update(chunk);
      await handle.write(chunk);
      done += chunk.byteLength;
      report(false);
    }
  } catch (error) {
    await handle.sync().catch(() => {});
    await handle.close();
    if (opts.signal?.aborted)
      throw new DownloadError(
        `Download of ${opts.label} was cancelled after ${done} bytes; run it again to resume.`,
        'cancelled',
      );
    throw new DownloadError(
      `Download of ${opts.label} was interrupted after ${done}${total ? ` of ${total}` : ''} bytes (${networkFailureWords(error, 'the connection was cut')}); run it again to resume.`,
      'interrupted',
    );
  }
  await handle.sync();
  await handle.close();
  report(true);
  if (total !== undefined && done !== total) {
    throw new DownloadError(
      `Download of ${opts.label} ended after ${done} of ${total} bytes; run it again to resume.`,
      'interrupted',
    );
  }
  return { sha256: hash.digest('hex'), sizeBytes: done };
}
