import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter, MAX_RUNNING_MEDIA_CHILDREN } from '../../../core/service/child-limit';
import type { CorePorts } from '../../../core/service/core-ports';
import { createPoseService, type PoseService } from '../../../core/service/service';
import { createAccessToken } from '../../../hosts/server/auth';
import { MediaAccess } from '../../../core/http/media-access';
import { mediaUrl, startWebHost, type WebHost } from '../../../hosts/server/server';

let root: string;
let host: WebHost;
let service: PoseService;
let token: string;
let video: string;
let running = 0;
let peakRunning = 0;

/** A frame "decoder" that stands in for one ffmpeg child per call and records how many overlap. */
async function childLike<T>(value: T): Promise<T> {
  running += 1;
  peakRunning = Math.max(peakRunning, running);
  await new Promise((resolve) => setTimeout(resolve, 150));
  running -= 1;
  return value;
}

const fakeCore = {
  probeVideo: (file: string) =>
    childLike({
      path: file,
      kind: 'video',
      width: 64,
      height: 48,
      fps: { num: 25, den: 1 },
      frameCount: 300,
      durationMs: 12000,
      codec: 'h264',
      pixelFormat: 'yuv420p',
      rotationDeg: 0,
      variableFrameRate: false,
    }),
  frameJpeg: (_info: unknown, frameIndex: number) =>
    childLike(new Uint8Array([0xff, 0xd8, frameIndex % 256, 0xff, 0xd9])),
  availableDevices: async () => ['cpu'],
  trackColors: async () => () => '#ff0000',
} as unknown as CorePorts;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-children-'));
  video = path.join(root, 'clip.mp4');
  await fs.writeFile(video, 'x');
  token = createAccessToken();
  const media = new MediaAccess();
  service = createPoseService({
    host: 'web',
    version: '1',
    core: fakeCore,
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: (file) => mediaUrl(media, file),
  });
  host = await startWebHost({ api: service, media, rendererDir: root, token });
});
afterAll(async () => {
  await host?.close();
  await service?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const call = (route: string, args: unknown[]) =>
  fetch(`${host.origin}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-posetrail-token': token },
    body: JSON.stringify(args),
  });

describe('ffmpeg children started for API calls are bounded', () => {
  it('runs at most a few probes and frame decodes at once; the excess waits or gets 503', async () => {
    peakRunning = 0;
    const probes = await Promise.all(
      Array.from({ length: 20 }, () => call('video/open', [video]).then((r) => r.status)),
    );
    expect(probes.every((status) => status === 200)).toBe(true);
    expect(peakRunning).toBe(MAX_RUNNING_MEDIA_CHILDREN);

    peakRunning = 0;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call('video/frameImage', [video, i]).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { error?: unknown },
        })),
      ),
    );
    expect(peakRunning).toBeLessThanOrEqual(MAX_RUNNING_MEDIA_CHILDREN);
    const refused = statuses.filter((reply) => reply.status === 503);
    expect(refused.length).toBeGreaterThan(100);
    expect(refused[0].body.error).toEqual({
      code: 'BUSY',
      message: expect.stringContaining('Too many video probe and frame requests at once'),
    });
    expect(statuses.filter((reply) => reply.status === 200).length + refused.length).toBe(200);
    // The host answers normally once the burst is over.
    expect((await call('video/frameImage', [video, 7])).status).toBe(200);
  });

  it('queues in arrival order and refuses beyond the queue at once', async () => {
    const limit = createLimiter(2, 3, 'test');
    const gates: Array<() => void> = [];
    const order: number[] = [];
    const results = Array.from({ length: 8 }, (_, i) =>
      limit(() => new Promise<number>((resolve) => gates.push(() => resolve(i)))).then(
        (value) => order.push(value),
        (error: Error) => error.message,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gates.length).toBe(2);
    while (gates.length > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const settled = await Promise.all(results);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(settled.slice(5)).toEqual(
      Array(3).fill('Too many test requests at once (2 running, 3 waiting); try again in a moment.'),
    );
  });
});
