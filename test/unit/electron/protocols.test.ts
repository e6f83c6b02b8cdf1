import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaAccess } from '../../../core/http/media-access';
import { handleMediaRequest } from '../../../electron/media-protocol';
import { handleAppRequest } from '../../../electron/app-protocol';
import { mediaProtocolUrl } from '../../../electron/schemes';

let root: string;
let video: string;
const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const access = new MediaAccess();

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-protocol-'));
  video = path.join(root, 'walk.webm');
  await fs.writeFile(video, bytes);
  await fs.writeFile(path.join(root, 'other.webm'), 'x');
  await fs.mkdir(path.join(root, 'renderer'));
  await fs.writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe('posetrail-media:// handler', () => {
  it('refuses files that were not opened', async () => {
    const response = await handleMediaRequest(new Request(mediaProtocolUrl(video)), access);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(`Not an opened file: ${video}`);
  });

  it('serves an opened file whole and by range', async () => {
    await access.allow(video);
    const whole = await handleMediaRequest(new Request(mediaProtocolUrl(video)), access);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await handleMediaRequest(
      new Request(mediaProtocolUrl(video), { headers: { range: 'bytes=100-299' } }),
      access,
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-299/3000');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 300))).toBe(true);
    const beyond = await handleMediaRequest(
      new Request(mediaProtocolUrl(video), { headers: { range: 'bytes=3000-' } }),
      access,
    );
    expect(beyond.status).toBe(416);
    // Opening one file does not open its neighbours.
    expect(
      (await handleMediaRequest(new Request(mediaProtocolUrl(path.join(root, 'other.webm'))), access)).status,
    ).toBe(403);
  });
});

describe('posetrail-app:// handler', () => {
  it('serves the renderer with a CSP that allows our media scheme, and nothing outside it', async () => {
    const page = await handleAppRequest(new Request('posetrail-app://app/index.html'), path.join(root, 'renderer'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("media-src 'self' blob: posetrail-media:");
    const escape = await handleAppRequest(
      new Request('posetrail-app://app/..%2fwalk.webm'),
      path.join(root, 'renderer'),
    );
    expect(escape.status).toBe(404);
  });
});
