import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoseService, type PoseService } from '../../../core/service/service';
import { probeVideo } from '../../../core/video';
import { runTool } from '../../../core/video/ffmpeg';
import { VIDEOS } from '../../helpers/assets';
import { fixtureResult, writeFixtureProject } from '../../helpers/project-fixture';

/**
 * A project file names the video it was tracked on; a hostile one named an http:// URL and the
 * overlay export made ffmpeg fetch it. The overlay must decode the opened, probed file, and no
 * ffmpeg or ffprobe run may open a network protocol at all.
 */
let root: string;
let video: string;
let service: PoseService;
let server: http.Server;
const requests: string[] = [];
let remoteUrl: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-overlay-source-'));
  video = path.join(root, 'street.mp4');
  await fs.copyFile(VIDEOS.street, video);
  const street = await fs.readFile(video);
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'video/mp4' }).end(street);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  remoteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/remote.mp4`;
  service = createPoseService({
    host: 'web',
    version: '0.0.0-test',
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: async (f) => f,
  });
});

afterAll(async () => {
  await service?.dispose();
  await new Promise((resolve) => server?.close(resolve));
  await fs.rm(root, { recursive: true, force: true });
});

describe('inputs reach ffmpeg only as local files', () => {
  it('ffprobe refuses an http:// input instead of fetching it', async () => {
    const result = await runTool('ffprobe', ['-v', 'error', '-show_format', '-i', remoteUrl], { subject: remoteUrl });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/not on whitelist|Protocol not found|Invalid argument/);
    expect(requests).toEqual([]);
  });

  it('the overlay export decodes the opened video, not the URL the project file names', async () => {
    const info = await probeVideo(video);
    await writeFixtureProject(
      video,
      fixtureResult({ ...info, path: remoteUrl }, info.frameCount),
      path.join(root, 'data'),
    );
    const outPath = path.join(root, 'overlay.mp4');
    await service.exports.run(video, 'overlay-video', outPath);
    expect(requests).toEqual([]);
    expect((await probeVideo(outPath)).frameCount).toBe(info.frameCount);
  }, 60_000);
});
