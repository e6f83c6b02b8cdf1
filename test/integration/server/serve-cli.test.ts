import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeChild } from '../../helpers/serve-child';

let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-serve-'));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const serve = (args: string[]) => startServeChild(root, args);

describe('posetrail serve', () => {
  it('prints a loopback URL with a token, serves the UI with it, and stops cleanly on SIGTERM', async () => {
    const server = await serve(['--port', '0']);
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const apiUrl = url.replace(/\/\?token=.*/, '/api/app/info');
    expect(
      (await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })).status,
    ).toBe(401);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Posetrail UI</title>');
    expect(await server.stop()).toBe(0);
  });

  it('adds the video to open to the URL', async () => {
    const server = await serve(['--port', '0', '--open', 'clips/a b.mp4']);
    const url = await server.url;
    expect(new URL(url).searchParams.get('open')).toBe(path.resolve('clips/a b.mp4'));
    await server.stop();
  });

  it('refuses --no-token on a non-loopback host and a bad port, with one-line errors', async () => {
    const exposed = await serve(['--host', '0.0.0.0', '--no-token']);
    expect(await exposed.exited).toBe(2);
    expect(exposed.output().stderr).toContain('--no-token is only allowed on a loopback host');
    const badPort = await serve(['--port', '70000']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output().stderr).toContain('Invalid --port 70000. Should be an integer from 0 to 65535');
  });
});
