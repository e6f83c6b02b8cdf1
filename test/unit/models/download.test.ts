import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../../core/types';
import { downloadModel, DOWNLOADS_SUBDIR } from '../../../core/models/store';
import { getManifest } from '../../../core/models/registry';
import type { ModelManifest } from '../../../core/models/manifest';
import { readStoreIndex } from '../../../core/models/store-index';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

/** The real shared pose model served over HTTP, so the post-download shape check runs for real. */
let payload: Buffer;
let payloadSha256: string;
let server: Server;
let baseUrl: string;
let storeDir: string;
const rangeHeaders: (string | undefined)[] = [];
/** Requests to /flaky close the socket after this many bytes of the body, once. */
let flakyCutAt = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  rangeHeaders.push(req.headers.range);
  if (url.startsWith('/missing')) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    return;
  }
  const range = req.headers.range?.match(/^bytes=(\d+)-$/);
  const start = range && !url.startsWith('/no-range') ? Number(range[1]) : 0;
  const body = url.startsWith('/tampered')
    ? Buffer.concat([payload.subarray(0, 1000), Buffer.alloc(payload.length - 1000, 7)])
    : payload;
  if (start >= body.length) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    return;
  }
  const headers: Record<string, string | number> = { 'content-length': body.length - start, 'accept-ranges': 'bytes' };
  if (start > 0) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
  res.writeHead(start > 0 ? 206 : 200, headers);
  if (url.startsWith('/stalls')) {
    // Sends a first part and then nothing, holding the connection open until the client gives up.
    res.write(body.subarray(start, start + 200_000));
    return;
  }
  const cutAt = url.startsWith('/flaky') || url.startsWith('/dies') ? flakyCutAt : 0;
  if (cutAt > 0) {
    // Announce the full length, send part of it, then drop the connection.
    res.write(body.subarray(start, cutAt), () => res.destroy());
    if (url.startsWith('/flaky')) flakyCutAt = 0;
    return;
  }
  res.end(body.subarray(start));
}

function manifestAt(route: string, base: ModelManifest = getManifest('simplepose-nano')): ModelManifest {
  return { ...base, source: { ...base.source, url: `${baseUrl}${route}`, localImportOnly: false } };
}

beforeAll(async () => {
  payload = await fs.readFile(path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx'));
  payloadSha256 = createHash('sha256').update(payload).digest('hex');
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  delete process.env.POSETRAIL_MODELS_DIR;
});

beforeEach(async () => {
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-store-'));
  process.env.POSETRAIL_MODELS_DIR = storeDir;
  rangeHeaders.length = 0;
  flakyCutAt = 0;
});

const partFile = (name: string) => path.join(storeDir, DOWNLOADS_SUBDIR, `${name}.part`);

describe('downloadModel', () => {
  it('downloads, verifies and moves the file into the store, reporting progress in bytes', async () => {
    const progress: Progress[] = [];
    const file = await downloadModel(manifestAt('/ok/simplepose.onnx'), { onProgress: (p) => progress.push(p) });
    expect(file).toBe(path.join(storeDir, 'simplepose_nano_256x192.onnx'));
    expect(
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex'),
    ).toBe(payloadSha256);
    expect(progress.at(-1)).toMatchObject({ done: payload.length, total: payload.length });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
    expect(existsSync(partFile('simplepose.onnx'))).toBe(false);
    const index = await readStoreIndex(storeDir);
    expect(index['simplepose-nano']).toMatchObject({
      sha256: payloadSha256,
      sizeBytes: payload.length,
      origin: 'download',
    });
  });

  it('resumes an interrupted transfer with a Range request and ends with the exact file', async () => {
    flakyCutAt = 1_000_000;
    const manifest = manifestAt('/flaky/simplepose.onnx');
    // What reaches the partial file is at most what the server sent (see the mid-stream case below).
    const error = await downloadModel(manifest).then(
      () => null,
      (e: Error) => e,
    );
    const kept = Number(
      error?.message.match(
        /^Download of simplepose-nano was interrupted after (\d+) of 2400118 bytes .*run it again to resume/,
      )?.[1],
    );
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1_000_000);
    expect((await fs.stat(partFile('simplepose.onnx'))).size).toBe(kept);
    expect(existsSync(path.join(storeDir, manifest.file))).toBe(false);

    const file = await downloadModel(manifest);
    expect(rangeHeaders).toEqual([undefined, `bytes=${kept}-`]);
    expect(
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex'),
    ).toBe(payloadSha256);
  });

  it('starts over when the server ignores Range', async () => {
    await fs.mkdir(path.join(storeDir, DOWNLOADS_SUBDIR), { recursive: true });
    await fs.writeFile(partFile('simplepose.onnx'), payload.subarray(0, 5000));
    const file = await downloadModel(manifestAt('/no-range/simplepose.onnx'));
    expect(rangeHeaders).toEqual(['bytes=5000-']);
    expect((await fs.stat(file)).size).toBe(payload.length);
  });

  it('deletes a download whose checksum does not match and never installs it', async () => {
    const manifest = manifestAt('/tampered/simplepose.onnx');
    await expect(downloadModel(manifest)).rejects.toThrow(
      `The download of simplepose-nano from ${baseUrl}/tampered/simplepose.onnx is corrupt (SHA-256 is`,
    );
    expect(existsSync(partFile('simplepose.onnx'))).toBe(false);
    expect(existsSync(path.join(storeDir, manifest.file))).toBe(false);
  });

  it('never fetches a checkpoint with only a SHA-256 prefix over plain http (32 bits cannot catch a substitute)', async () => {
    const manifest = manifestAt(
      '/ok/hrnet_w32_coco_256x192-c78dce93_20200708.pth',
      getManifest('hrnet-w32-coco-256x192'),
    );
    await expect(downloadModel(manifest)).rejects.toThrow(`${manifest.source.url} is not https`);
    expect(rangeHeaders).toEqual([]);
    expect(existsSync(path.join(storeDir, manifest.file))).toBe(false);
  });

  it('reports HTTP errors with the status and the URL', async () => {
    await expect(downloadModel(manifestAt('/missing/simplepose.onnx'))).rejects.toThrow(
      `Download of simplepose-nano failed: HTTP 404 Not Found from ${baseUrl}/missing/simplepose.onnx.`,
    );
    expect(existsSync(path.join(storeDir, 'simplepose_nano_256x192.onnx'))).toBe(false);
  });

  it('keeps the partial file but never installs it when the server closes mid-stream', async () => {
    flakyCutAt = 300_000;
    const manifest = manifestAt('/dies/simplepose.onnx');
    // The client may lose bytes still buffered in its HTTP stack when the socket dies, so the
    // partial file holds at most what the server sent, and the message reports exactly what was kept.
    const error = await downloadModel(manifest).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error?.code).toBe('DOWNLOAD_INTERRUPTED');
    const kept = Number(
      error?.message.match(
        /^Download of simplepose-nano was interrupted after (\d+) of 2400118 bytes \(the connection was cut\); run it again to resume\.$/,
      )?.[1],
    );
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(300_000);
    expect(existsSync(path.join(storeDir, manifest.file))).toBe(false);
    expect((await fs.stat(partFile('simplepose.onnx'))).size).toBe(kept);
  });

  it('names the host when the server cannot be reached, in words, and suggests an import', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const manifest = {
      ...manifestAt('/x'),
      source: { ...manifestAt('/x').source, url: `http://127.0.0.1:${port}/m.onnx` },
    };
    await expect(downloadModel(manifest)).rejects.toMatchObject({ code: 'DOWNLOAD_NETWORK' });
    await expect(downloadModel(manifest)).rejects.toThrow(
      `Cannot download simplepose-nano from http://127.0.0.1:${port}/m.onnx: the server refused the connection. Check the network connection, or import a copy of the file taken from a machine that has it.`,
    );
  });

  it('stops on cancel, keeping the partial file for a later resume', async () => {
    const controller = new AbortController();
    const manifest = manifestAt('/stalls/simplepose.onnx');
    const pending = downloadModel(manifest, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toThrow(
      /^Download of simplepose-nano was cancelled after \d+ bytes; run it again to resume\.$/,
    );
    expect((await fs.stat(partFile('simplepose.onnx'))).size).toBeGreaterThan(0);
    expect(existsSync(path.join(storeDir, manifest.file))).toBe(false);
    expect(existsSync(`${partFile('simplepose.onnx')}.lock`)).toBe(false);
  });

  it('refuses local-import-only models', async () => {
    await expect(downloadModel('simplepose-nano')).rejects.toThrow('Model simplepose-nano cannot be downloaded');
  });
});
