import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoseApi } from '../../../core/api/pose-api';
import { createAccessToken } from '../../../hosts/server/auth';
import { MediaAccess } from '../../../core/http/media-access';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mediaUrl, startWebHost, type WebHost } from '../../../hosts/server/server';

/**
 * Another site can navigate a browser tab to `http://127.0.0.1:<port>/?open=<path>`; the tab may
 * still hold the token in sessionStorage. The host sends such a page request to the same page
 * without `open`; the printed URL (token and open together) is served as it is. And a media file
 * swapped for a FIFO after it was opened must not block one of the host's file threads.
 */
let root: string;
let host: WebHost;
let token: string;
const media = new MediaAccess();

function get(pathAndQuery: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: pathAndQuery }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-launch-'));
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Posetrail</title>');
  token = createAccessToken();
  host = await startWebHost({
    api: { onEvent: () => () => {} } as unknown as PoseApi,
    media,
    rendererDir: root,
    token,
  });
});

afterAll(async () => {
  await host?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('page requests that ask to open a video', () => {
  it('redirect to the page without open when the URL carries no token or a wrong one', async () => {
    expect(await get('/?open=%2Fetc%2Fpasswd')).toEqual({ status: 303, location: '/' });
    expect(await get('/?open=%2Fetc%2Fpasswd&token=wrong&x=1')).toEqual({ status: 303, location: '/?token=wrong&x=1' });
  });

  it('serve the printed URL, token and open together, and pages without open', async () => {
    expect((await get(`/?token=${token}&open=%2Fdata%2Fclip.mp4`)).status).toBe(200);
    expect((await get('/')).status).toBe(200);
  });
});

describe('a media file replaced by a FIFO after it was opened', () => {
  it('is refused at once instead of blocking a file thread, and the host goes on serving', async () => {
    const video = path.join(root, 'clip.mp4');
    await fs.writeFile(video, Buffer.alloc(1024, 7));
    const url = await mediaUrl(media, video);
    expect((await get(url)).status).toBe(200);
    await fs.rm(video);
    execFileSync('mkfifo', [video]);
    try {
      const replies = await Promise.all(Array.from({ length: 4 }, () => get(url)));
      expect(replies.map((r) => r.status)).toEqual([409, 409, 409, 409]);
      expect((await get('/')).status).toBe(200);
    } finally {
      await fs.open(video, constants.O_WRONLY | constants.O_NONBLOCK).then(
        (h) => h.close(),
        () => {},
      );
    }
  });
});
