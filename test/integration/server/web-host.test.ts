import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPoseService, type PoseService } from '../../../core/service/service';
import type { CorePorts } from '../../../core/service/core-ports';
import { createWebClient } from '../../../core/api/web-client';
import type { PoseApi, PoseEvent } from '../../../core/api/pose-api';
import type { VideoInfo } from '../../../core/types';
import { createAccessToken } from '../../../hosts/server/auth';
import { MediaAccess } from '../../../core/http/media-access';
import { mediaUrl, startWebHost, type WebHost } from '../../../hosts/server/server';

let root: string;
let host: WebHost;
let service: PoseService;
let token: string;
let video: string;
let secret: string;
const videoBytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));

function fakeInfo(file: string): VideoInfo {
  return {
    path: file,
    kind: 'video',
    width: 64,
    height: 48,
    fps: { num: 25, den: 1 },
    frameCount: 10,
    durationMs: 400,
    codec: 'h264',
    pixelFormat: 'yuv420p',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs: Array.from({ length: 10 }, (_, i) => i * 40),
  };
}

/** The web host's job is transport and access control; core modules are faked here. */
const fakeCore: CorePorts = {
  probeVideo: async (file) => {
    await fs.access(file);
    return fakeInfo(file);
  },
  frameJpeg: async (_info, frameIndex) => new Uint8Array([0xff, 0xd8, frameIndex, 0xff, 0xd9]),
  writeResult: async () => {},
  readResult: async () => {
    throw new Error('no results in this test');
  },
  listModels: async () => [],
  downloadModel: async (_id, onProgress) => {
    onProgress({ done: 50, total: 100 });
    onProgress({ done: 100, total: 100 });
  },
  canFetchModels: async () => true,
  findPerson: async () => {
    throw new Error('not used');
  },
  importModel: async () => {
    throw new Error('not used');
  },
  availableDevices: async () => ['cpu'],
  ffmpegPath: async () => '/usr/bin/ffmpeg',
  trackColors: async () => () => '#ff0000',
};

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request (no URL normalisation, unlike fetch), so traversal attempts reach the server as typed. */
function raw(
  pathAndQuery: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: host.port, path: pathAndQuery, method: init.method ?? 'GET', headers: init.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

const api = (route: string, body: string, headers: Record<string, string> = {}) =>
  raw(`/api/${route}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-posetrail-token': token, ...headers },
  });

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-web-'));
  const rendererDir = path.join(root, 'dist-renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Posetrail</title><script type="module" src="./assets/app.js"></script>',
  );
  await fs.writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  video = path.join(root, 'videos', 'clip.mp4');
  await fs.mkdir(path.dirname(video));
  await fs.writeFile(video, videoBytes);
  secret = path.join(root, 'videos', 'secret.mp4');
  await fs.writeFile(secret, 'not opened');

  token = createAccessToken();
  const media = new MediaAccess();
  service = createPoseService({
    host: 'web',
    version: '9.9.9',
    core: fakeCore,
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: (file) => mediaUrl(media, file),
  });
  host = await startWebHost({ api: service, media, rendererDir, token });
});

afterAll(async () => {
  await host?.close();
  await service?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('web host access control', () => {
  it('binds to loopback on a random port and prints the token in the URL', () => {
    expect(host.host).toBe('127.0.0.1');
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
  });

  it('answers 401 to API calls and event sockets without the token', async () => {
    expect((await raw(`/media?path=${encodeURIComponent(video)}`)).status).toBe(403);
    const call = await raw('/api/app/info', {
      method: 'POST',
      body: '[]',
      headers: { 'content-type': 'application/json' },
    });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body.toString())).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Access token missing or wrong') },
    });
    const wrong = await raw('/api/app/info', {
      method: 'POST',
      body: '[]',
      headers: { 'content-type': 'application/json', 'x-posetrail-token': `${token.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
    await expect(openSocket(`ws://127.0.0.1:${host.port}/events`)).rejects.toThrow('401');
  });

  it('serves the public renderer build without the token and sets no cookie', async () => {
    const page = await raw(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>Posetrail</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // A cookie for 127.0.0.1 would reach every other local port a page talks to.
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await raw('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves files outside the renderer build (path traversal)', async () => {
    await fs.writeFile(path.join(root, 'outside.txt'), 'private');
    for (const attempt of [
      '/../outside.txt',
      '/..%2foutside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/%2e%2e/outside.txt',
      `/${encodeURIComponent(path.join(root, 'outside.txt'))}`,
    ]) {
      const response = await raw(`${attempt}${attempt.includes('?') ? '&' : '?'}token=${token}`);
      expect(response.status, attempt).toBe(404);
      expect(response.body.toString()).not.toContain('private');
    }
  });
});

describe('media streaming', () => {
  it('refuses files that were not opened through the API, existing or not', async () => {
    for (const file of [secret, path.join(root, 'missing.mp4'), `${path.dirname(video)}/../videos/secret.mp4`]) {
      const response = await raw(`/media?path=${encodeURIComponent(file)}&token=${token}`);
      expect(response.status).toBe(403);
      expect(response.body.toString()).toContain('Not an opened file');
    }
  });

  it('streams an opened file whole and by byte ranges', async () => {
    const opened = (await api('video/open', JSON.stringify([video]))).body.toString();
    const { result } = JSON.parse(opened) as { result: { mediaUrl: string; browserPlayable: boolean } };
    expect(result.browserPlayable).toBe(true);
    const whole = await raw(result.mediaUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.body.equals(videoBytes)).toBe(true);

    const part = await raw(result.mediaUrl, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1000-1999/4096');
    expect(part.body.equals(videoBytes.subarray(1000, 2000))).toBe(true);

    const tail = await raw(result.mediaUrl, { headers: { range: 'bytes=-96' } });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(videoBytes.subarray(4000))).toBe(true);

    const beyond = await raw(result.mediaUrl, { headers: { range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */4096');
    // The URL carries the file's own key, never the access token; another file stays closed.
    expect(result.mediaUrl).not.toContain(token);
    const key = new URL(result.mediaUrl, host.origin).searchParams.get('key') ?? '';
    expect((await raw(`/media?path=${encodeURIComponent(secret)}&token=${token}`)).status).toBe(403);
    expect((await raw(`/media?path=${encodeURIComponent(secret)}&key=${key}`)).status).toBe(403);
    expect((await raw(`/media?path=${encodeURIComponent(video)}`)).status).toBe(403);
  });
});

describe('API over HTTP', () => {
  it('rejects bad payloads with 400 and a readable message', async () => {
    const bad = await api('video/frameImage', JSON.stringify([video, 'first']));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'Invalid arguments for video.frameImage: argument 2: Invalid input: expected number, received string',
    });
    const notJson = await api('app/info', '{oops');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body.toString()).error.message).toMatch(/^Invalid JSON body for app\.info/);
    expect((await api('app/explode', '[]')).status).toBe(404);
    expect((await api('app/info', '[]', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await raw('/api/app/info', { headers: { 'x-posetrail-token': token } })).status).toBe(405);
  });

  it('maps service errors to status codes and keeps their code and message', async () => {
    const missing = await api('files/list', JSON.stringify([path.join(root, 'nope')]));
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error).toEqual({
      code: 'ENOENT',
      message: `Cannot list ${path.join(root, 'nope')}: it does not exist.`,
    });
    const untracked = await api('project/edit', JSON.stringify([video, { kind: 'delete', trackId: 0 }]));
    expect(untracked.status).toBe(409);
  });

  it('round-trips through the browser client, bytes and events included', async () => {
    const client = createWebClient({
      baseUrl: host.origin,
      token,
      fetch: (url, init) => fetch(url, init as RequestInit),
      createSocket: (url) => new WebSocket(url) as never,
    });
    expect(await client.app.info()).toMatchObject({
      version: '9.9.9',
      host: 'web',
      devices: ['cpu'],
      defaultModels: {
        detector: 'yolox-nano',
        poseModel: 'rtmpose-m-coco-256x192',
        reason: expect.stringMatching(/CPU defaults, because no GPU/),
      },
    });
    const saved = await client.settings.set({ threads: 3 });
    expect(saved.threads).toBe(3);
    expect((await client.settings.get()).threads).toBe(3);
    const listing = await client.files.list(path.join(root, 'videos'));
    expect(listing.map((entry) => entry.name)).toEqual(['clip.mp4', 'secret.mp4']);
    const opened = await client.video.open(video);
    expect(opened.info.frameCount).toBe(10);
    expect(await client.app.recentFiles()).toEqual([video]);
    const jpeg = await client.video.frameImage(video, 7);
    expect(jpeg).toBeInstanceOf(Uint8Array);
    expect([...jpeg]).toEqual([0xff, 0xd8, 7, 0xff, 0xd9]);
    await expect(client.video.frameImage(video, 10)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Frame 10 is beyond the end of ${video} (10 frames).`,
    });
    expect(await client.app.pickVideo()).toBeNull();

    const events = await collectEvents(client, 2, () => client.models.download('yolox-nano'));
    expect(events).toEqual([
      { type: 'model-download-progress', modelId: 'yolox-nano', progress: { done: 50, total: 100 } },
      { type: 'model-download-progress', modelId: 'yolox-nano', progress: { done: 100, total: 100 } },
    ]);
  });
});

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.on('error', reject);
  });
}

/** Subscribes, waits for the socket, runs `action`, and resolves with the first `count` events. */
async function collectEvents(client: PoseApi, count: number, action: () => Promise<unknown>): Promise<PoseEvent[]> {
  const events: PoseEvent[] = [];
  let unsubscribe = () => {};
  const done = new Promise<void>((resolve) => {
    unsubscribe = client.onEvent((event) => {
      events.push(event);
      if (events.length === count) resolve();
    });
  });
  // The socket connects asynchronously; give it a moment before triggering events.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await action();
  await done;
  unsubscribe();
  return events;
}
